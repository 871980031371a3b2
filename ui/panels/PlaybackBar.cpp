// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/panels/PlaybackBar.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QSlider>
#include <QStyle>
#include <QTimer>

#include <algorithm>

namespace levex::ui {

PlaybackBar::PlaybackBar(QWidget* parent) : QToolBar(tr("Playback"), parent), timer_(new QTimer(this)) {
    setObjectName("playback");
    rewind_ = addAction(style()->standardIcon(QStyle::SP_MediaSkipBackward), tr("Rewind"), this, &PlaybackBar::rewind);
    rewind_->setShortcut(Qt::Key_Home);
    play_ = addAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("Play"));
    play_->setShortcut(Qt::Key_Space);
    play_->setToolTip(tr("Play / pause the cascade (Space)"));
    connect(play_, &QAction::triggered, this, [this] { playing() ? pause() : play(); });
    step_ = addAction(style()->standardIcon(QStyle::SP_MediaSeekForward), tr("Step"), this, &PlaybackBar::stepForward);
    step_->setShortcut(Qt::Key_Right);
    step_->setToolTip(tr("One step forward (Right)"));
    speed_ = new QComboBox;
    speed_->setToolTip(tr("Playback speed in simulated steps per second"));
    for (int s : {5, 15, 30, 60, 120, 300})
        speed_->addItem(tr("%1 steps/s").arg(s), s);
    speed_->setCurrentIndex(3);
    addWidget(speed_);
    scrubber_ = new QSlider(Qt::Horizontal);
    scrubber_->setMinimumWidth(320);
    scrubber_->setToolTip(tr("Step shown"));
    addWidget(scrubber_);
    time_ = new QLabel;
    time_->setMinimumWidth(140);
    addWidget(time_);
    connect(scrubber_, &QSlider::valueChanged, this, [this](int v) {
        if (std::size_t(v) != cursor_) {
            follow_ = false;
            setCursor(std::size_t(v));
        }
    });
    connect(timer_, &QTimer::timeout, this, &PlaybackBar::advance);
    updateLabel();
}

bool PlaybackBar::playing() const {
    return timer_->isActive();
}

void PlaybackBar::setRun(std::size_t steps, double step_seconds) {
    steps_ = steps;
    ready_ = 0;
    step_seconds_ = step_seconds;
    const QSignalBlocker block(scrubber_);
    scrubber_->setRange(0, int(steps > 0 ? steps - 1 : 0));
    setCursor(0);
}

void PlaybackBar::setReady(std::size_t ready) {
    ready_ = std::min(ready, steps_);
    if (follow_ && !playing() && ready_ > 0)
        setCursor(ready_ - 1);
}

void PlaybackBar::setFinished(std::size_t steps) {
    steps_ = std::max<std::size_t>(steps, 1);
    ready_ = std::min(ready_, steps_);
    {
        const QSignalBlocker block(scrubber_);
        scrubber_->setRange(0, int(steps_ - 1));
    }
    if (cursor_ >= steps_)
        setCursor(steps_ - 1);
    updateLabel();
}

void PlaybackBar::play() {
    if (cursor_ + 1 >= steps_)
        setCursor(0);
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
    if (cursor_ + 1 < ready_)
        setCursor(cursor_ + 1);
}

void PlaybackBar::rewind() {
    follow_ = false;
    setCursor(0);
}

void PlaybackBar::setCursor(std::size_t step) {
    cursor_ = step;
    {
        const QSignalBlocker block(scrubber_);
        scrubber_->setValue(int(step));
    }
    updateLabel();
    emit cursorChanged(step);
}

// One timer tick (30 a second): speed / 30 steps, never past what has been computed.
void PlaybackBar::advance() {
    const double per_tick = speed_->currentData().toDouble() / 30.0;
    const auto next = std::min<std::size_t>(cursor_ + std::max<std::size_t>(1, std::size_t(per_tick + 0.5)),
                                            ready_ > 0 ? ready_ - 1 : 0);
    if (next == cursor_ && ready_ >= steps_) {
        pause();
        follow_ = true;
        return;
    }
    setCursor(next);
}

void PlaybackBar::updateLabel() {
    const QLocale locale;
    time_->setText(tr("t = %1 s / %2 s")
                       .arg(locale.toString(double(cursor_) * step_seconds_, 'f', 0))
                       .arg(locale.toString(double(steps_ > 0 ? steps_ - 1 : 0) * step_seconds_, 'f', 0)));
}

} // namespace levex::ui
