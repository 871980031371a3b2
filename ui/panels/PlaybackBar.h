// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QToolBar>

class QAction;
class QComboBox;
class QLabel;
class QSlider;
class QTimer;

namespace levex::ui {

/// Play/pause, step, speed and a scrubber over a run's steps. It only moves a cursor; the views
/// draw what the cursor says. Once the run has finished, its first position is the book before
/// the shock, and the scrubber and playback cover the framed steps (the cascade, or the whole run
/// when "Whole run" is checked); after each new run the cursor lands on the frame's last step.
/// Shortcuts: Space plays/pauses, Right and Left step, Home goes to the start, End to the end,
/// W toggles the whole run.
class PlaybackBar : public QToolBar {
    Q_OBJECT
public:
    explicit PlaybackBar(QWidget* parent = nullptr);

    /// A new run: `steps` in all, `ready` computed so far; the cursor goes to the last ready step
    /// unless playing (then the replay starts over).
    void setRun(std::size_t steps, double step_seconds);
    void setReady(std::size_t ready);
    /// The run ended after `steps` (it stops early once nothing can happen any more); steps
    /// [0, framed) are in the frame. The cursor lands on the frame's last step unless playing.
    void setFinished(std::size_t steps, std::size_t framed);
    /// The frame changed (cascade or whole run): the cursor lands on its last step.
    void setFramed(std::size_t framed);
    /// The step shown (0 before the shock too).
    std::size_t cursor() const { return cursor_; }
    /// True at the first position of a finished run: the book before the shock.
    bool beforeShock() const { return before_shock_; }
    bool playing() const;
    /// The "Whole run" choice (checkable; toggling it emits wholeRunToggled).
    QAction* wholeRunAction() const { return whole_run_; }

public slots:
    void play();
    void pause();
    void stepForward();
    void stepBack();
    /// To the start: the book before the shock once the run has finished, else step 0.
    void rewind();
    /// To the frame's last step.
    void toEnd();
    void setCursor(std::size_t step);
    void showBeforeShock();

signals:
    /// The cursor moved (to `step`, or before the shock: then beforeShock() is true and `step` 0).
    void cursorChanged(std::size_t step);
    void wholeRunToggled(bool whole);

private:
    void advance();
    void updateRange();
    void updateLabel();
    std::size_t lastStep() const;

    QAction* play_;
    QAction* step_;
    QAction* back_;
    QAction* rewind_;
    QAction* end_;
    QAction* whole_run_;
    QComboBox* speed_;
    QSlider* scrubber_;
    QLabel* time_;
    QTimer* timer_;
    std::size_t steps_ = 0, ready_ = 0, cursor_ = 0, framed_ = 0;
    double step_seconds_ = 1.0;
    int idle_ticks_ = 0; ///< slow speeds: ticks since the last step
    bool finished_ = false;
    bool before_shock_ = false;
    bool follow_ = true; ///< not playing: the cursor follows the newest computed step
};

} // namespace levex::ui
