// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/panels/PlaybackBar.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QProxyStyle>
#include <QSlider>
#include <QStyle>
#include <QTimer>

#include <algorithm>

namespace levex::ui {

namespace {
// A click on the scrubber's track jumps there (the default only pages towards it).
class JumpToClickStyle : public QProxyStyle {
public:
    int styleHint(StyleHint hint, const QStyleOption* option, const QWidget* widget,
                  QStyleHintReturn* returned) const override {
        if (hint == QStyle::SH_Slider_AbsoluteSetButtons)
            return Qt::LeftButton;
        return QProxyStyle::styleHint(hint, option, widget, returned);
    }
};
} // namespace

PlaybackBar::PlaybackBar(QWidget* parent) : QToolBar(tr("Playback"), parent), timer_(new QTimer(this)) {
    setObjectName("playback");
    rewind_ = addAction(style()->standardIcon(QStyle::SP_MediaSkipBackward), tr("Start"), this, &PlaybackBar::rewind);
    rewind_->setShortcut(Qt::Key_Home);
    rewind_->setToolTip(tr("To the book before the shock (Home)"));
    back_ = addAction(style()->standardIcon(QStyle::SP_MediaSeekBackward), tr("Back"), this, &PlaybackBar::stepBack);
    back_->setShortcut(Qt::Key_Left);
    back_->setToolTip(tr("One step back (Left)"));
    play_ = addAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("Play"));
    play_->setShortcut(Qt::Key_Space);
    play_->setToolTip(tr("Play / pause the cascade (Space)"));
    connect(play_, &QAction::triggered, this, [this] { playing() ? pause() : play(); });
    step_ = addAction(style()->standardIcon(QStyle::SP_MediaSeekForward), tr("Step"), this, &PlaybackBar::stepForward);
    step_->setShortcut(Qt::Key_Right);
    step_->setToolTip(tr("One step forward (Right)"));
    end_ = addAction(style()->standardIcon(QStyle::SP_MediaSkipForward), tr("End"), this, &PlaybackBar::toEnd);
    end_->setShortcut(Qt::Key_End);
    end_->setToolTip(tr("To the last step shown (End)"));
    speed_ = new QComboBox;
    speed_->setToolTip(tr("Playback speed in simulated steps per second"));
    for (int s : {1, 5, 15, 30, 60, 120, 300})
        speed_->addItem(tr("%1 steps/s").arg(s), s);
    speed_->setCurrentIndex(2); // a cascade of a few steps stays visible for a moment
    addWidget(speed_);
    scrubber_ = new QSlider(Qt::Horizontal);
    scrubber_->setMinimumWidth(320);
    scrubber_->setToolTip(tr("Step shown: drag, or click where to go"));
    auto* jump = new JumpToClickStyle;
    jump->setParent(scrubber_);
    scrubber_->setStyle(jump);
    addWidget(scrubber_);
    time_ = new QLabel;
    time_->setMinimumWidth(190);
    addWidget(time_);
    whole_run_ = addAction(tr("Whole run"));
    whole_run_->setCheckable(true);
    whole_run_->setToolTip(tr("Show every step of the run rather than the cascade and its aftermath (W)"));
    connect(whole_run_, &QAction::toggled, this, &PlaybackBar::wholeRunToggled);
    connect(scrubber_, &QSlider::valueChanged, this, [this](int v) {
        follow_ = false;
        if (v < 0)
            showBeforeShock();
        else if (std::size_t(v) != cursor_ || before_shock_)
            setCursor(std::size_t(v));
    });
    connect(timer_, &QTimer::timeout, this, &PlaybackBar::advance);
    updateLabel();
}

bool PlaybackBar::playing() const {
    return timer_->isActive();
}

void PlaybackBar::setRun(std::size_t steps, double step_seconds) {
    steps_ = steps;
    framed_ = steps;
    ready_ = 0;
    finished_ = false;
    follow_ = true; // a new run: show its newest step until it finishes
    step_seconds_ = step_seconds;
    updateRange();
    setCursor(0);
}

void PlaybackBar::setReady(std::size_t ready) {
    ready_ = std::min(ready, steps_);
    if (follow_ && !finished_ && !playing() && ready_ > 0) // once finished, setFinished placed the cursor
        setCursor(ready_ - 1);
}

void PlaybackBar::setFinished(std::size_t steps, std::size_t framed) {
    steps_ = std::max<std::size_t>(steps, 1);
    ready_ = std::min(ready_, steps_);
    finished_ = true;
    setFramed(framed);
}

void PlaybackBar::setFramed(std::size_t framed) {
    framed_ = std::clamp<std::size_t>(framed, 1, steps_);
    updateRange();
    if (!playing()) // after any change, the end of what is shown (not an empty start)
        setCursor(lastStep());
    else if (cursor_ > lastStep())
        setCursor(lastStep());
    updateLabel();
}

std::size_t PlaybackBar::lastStep() const {
    const std::size_t reachable = ready_ > 0 ? ready_ : 1;
    return std::min(framed_, reachable) - 1;
}

void PlaybackBar::updateRange() {
    const QSignalBlocker block(scrubber_);
    scrubber_->setRange(finished_ ? -1 : 0, int(framed_ > 0 ? framed_ - 1 : 0));
    scrubber_->setValue(before_shock_ ? -1 : int(cursor_));
}

void PlaybackBar::play() {
    if (cursor_ >= lastStep()) { // from the start: the book before the shock
        if (finished_)
            showBeforeShock();
        else
            setCursor(0);
    }
    follow_ = false;
    timer_->start(1000 / 30);
    play_->setIcon(style()->standardIcon(QStyle::SP_MediaPause));
}

void PlaybackBar::pause() {
    timer_->stop();
    play_->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
}

void PlaybackBar::stepForward() {
    pause();
    follow_ = false;
    if (before_shock_)
        setCursor(0);
    else if (cursor_ + 1 < ready_ && cursor_ + 1 < framed_)
        setCursor(cursor_ + 1);
}

void PlaybackBar::stepBack() {
    pause();
    follow_ = false;
    if (cursor_ > 0)
        setCursor(cursor_ - 1);
    else if (finished_)
        showBeforeShock();
}

void PlaybackBar::rewind() {
    follow_ = false;
    if (finished_)
        showBeforeShock();
    else
        setCursor(0);
}

void PlaybackBar::toEnd() {
    pause();
    follow_ = false;
    setCursor(lastStep());
}

void PlaybackBar::setCursor(std::size_t step) {
    cursor_ = step;
    before_shock_ = false;
    {
        const QSignalBlocker block(scrubber_);
        scrubber_->setValue(int(step));
    }
    updateLabel();
    emit cursorChanged(step);
}

void PlaybackBar::showBeforeShock() {
    cursor_ = 0;
    before_shock_ = true;
    {
        const QSignalBlocker block(scrubber_);
        scrubber_->setValue(-1);
    }
    updateLabel();
    emit cursorChanged(0);
}

// One timer tick (30 a second): speed / 30 steps, never past what has been computed or framed.
// Slow speeds move one step every few ticks.
void PlaybackBar::advance() {
    const double per_tick = speed_->currentData().toDouble() / 30.0;
    if (per_tick < 1.0 && ++idle_ticks_ < int(1.0 / per_tick + 0.5))
        return;
    idle_ticks_ = 0;
    if (before_shock_) {
        setCursor(0);
        return;
    }
    const std::size_t last = std::min(lastStep(), ready_ > 0 ? ready_ - 1 : 0);
    const auto next = std::min<std::size_t>(cursor_ + std::max<std::size_t>(1, std::size_t(per_tick + 0.5)), last);
    if (next == cursor_ && (ready_ >= steps_ || cursor_ + 1 >= framed_)) {
        pause();
        follow_ = true;
        return;
    }
    setCursor(next);
}

void PlaybackBar::updateLabel() {
    const QLocale locale;
    const QString end = locale.toString(double(framed_ > 0 ? framed_ - 1 : 0) * step_seconds_, 'f', 0);
    const QString of = framed_ < steps_ ? tr("%1 s of the cascade").arg(end) : tr("%1 s").arg(end);
    if (before_shock_)
        time_->setText(tr("before the shock / %1").arg(of));
    else
        time_->setText(tr("t = %1 s / %2").arg(locale.toString(double(cursor_) * step_seconds_, 'f', 0), of));
}

} // namespace levex::ui
