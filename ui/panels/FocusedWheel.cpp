// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/panels/FocusedWheel.h"

#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QEvent>
#include <QWidget>

namespace levex::ui {
namespace {

// Ignored wheel events travel on to the parent, the scroll area.
class FocusedWheel : public QObject {
public:
    using QObject::QObject;
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() == QEvent::Wheel && !static_cast<QWidget*>(watched)->hasFocus()) {
            event->ignore();
            return true;
        }
        return false;
    }
};

} // namespace

void take_wheel_only_when_focused(QWidget* root) {
    auto* filter = new FocusedWheel(root);
    for (QWidget* w : root->findChildren<QWidget*>()) {
        if (!qobject_cast<QAbstractSpinBox*>(w) && !qobject_cast<QComboBox*>(w) && !qobject_cast<QAbstractSlider*>(w))
            continue;
        w->setFocusPolicy(Qt::StrongFocus); // a wheel alone no longer gives the focus
        w->installEventFilter(filter);
    }
}

} // namespace levex::ui
