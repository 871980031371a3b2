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
/// draw what the cursor says. Shortcuts: Space plays/pauses, Right steps, Home rewinds.
class PlaybackBar : public QToolBar {
    Q_OBJECT
public:
    explicit PlaybackBar(QWidget* parent = nullptr);

    /// A new run: `steps` in all, `ready` computed so far; the cursor goes to the last ready step
    /// unless playing (then the replay starts over).
    void setRun(std::size_t steps, double step_seconds);
    void setReady(std::size_t ready);
    /// The run ended after `steps` (it stops early once nothing can happen any more).
    void setFinished(std::size_t steps);
    std::size_t cursor() const { return cursor_; }
    bool playing() const;

public slots:
    void play();
    void pause();
    void stepForward();
    void rewind();
    void setCursor(std::size_t step);

signals:
    void cursorChanged(std::size_t step);

private:
    void advance();
    void updateLabel();

    QAction* play_;
    QAction* step_;
    QAction* rewind_;
    QComboBox* speed_;
    QSlider* scrubber_;
    QLabel* time_;
    QTimer* timer_;
    std::size_t steps_ = 0, ready_ = 0, cursor_ = 0;
    double step_seconds_ = 1.0;
    bool follow_ = true; ///< not playing: the cursor follows the newest computed step
};

} // namespace levex::ui
