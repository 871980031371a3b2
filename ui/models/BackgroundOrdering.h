// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

#include <cstdint>
#include <functional>
#include <future>
#include <vector>

namespace levex::ui {

/// Computes a table's row order (filter + sort) off the GUI thread, newest request wins: a result
/// is delivered on the GUI thread only if no newer request was made meanwhile. Waits for the
/// computations in progress when destroyed, so they never outlive the data they read.
class BackgroundOrdering : public QObject {
    Q_OBJECT
public:
    using Rows = std::vector<std::uint32_t>;
    explicit BackgroundOrdering(QObject* parent = nullptr) : QObject(parent) {}
    ~BackgroundOrdering() override;

    /// Runs `compute` on another thread (it must own or share what it reads); then calls `apply`
    /// with its rows on this object's thread, unless a newer request came first.
    void request(std::function<Rows()> compute, std::function<void(Rows)> apply);

private:
    std::uint64_t newest_ = 0;
    std::vector<std::future<void>> running_;
};

} // namespace levex::ui
