// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/workers/BackgroundThread.h"

#include <QThread>

#include <algorithm>

#ifdef __linux__
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace levex::ui {

void start_background_thread(QThread& thread) {
#ifdef __linux__
    // Runs in the new thread before its event loop: Linux keeps a nice value per thread.
    QObject::connect(
        &thread, &QThread::started, &thread,
        [] {
            const int current = getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()));
            setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), std::min(current + 10, 19));
        },
        Qt::DirectConnection);
#endif
    thread.start();
}

} // namespace levex::ui
