// SPDX-License-Identifier: GPL-3.0-or-later
// The animation encoder: frames are encoded on a thread of their own at the background priority,
// in order; a failure reaches the caller; files appear under their name only once complete.
#include "ui/export/FrameEncoder.h"
#include "ui/export/AnimationSinks.h"
#include "ui/export/GifWriter.h"

#include <QFile>
#include <QTemporaryDir>
#include <QThread>

#include <gtest/gtest.h>

#include <mutex>
#include <vector>

#ifdef __linux__
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace levex::ui {
namespace {

int nice_of_this_thread() {
#ifdef __linux__
    return getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()));
#else
    return 0;
#endif
}

// Records where and in which order frames arrive.
struct Record {
    std::mutex mutex;
    std::vector<QThread*> threads;
    std::vector<int> nice;
    std::vector<QRgb> colours;
    bool finished = false;
};

class RecordingSink : public FrameSink {
public:
    explicit RecordingSink(Record& record) : record_(record) {}
    void add(const QImage& frame) override {
        const std::lock_guard lock(record_.mutex);
        record_.threads.push_back(QThread::currentThread());
        record_.nice.push_back(nice_of_this_thread());
        record_.colours.push_back(frame.pixel(0, 0));
    }
    void finish() override { record_.finished = true; }

private:
    Record& record_;
};

QImage filled(QRgb colour) {
    QImage image(8, 8, QImage::Format_RGB32);
    image.fill(colour);
    return image;
}

TEST(FrameEncoder, EncodesInOrderOnABackgroundThread) {
    Record record;
    {
        FrameEncoder encoder([&record] { return std::make_unique<RecordingSink>(record); });
        for (int i = 0; i < 20; ++i)
            encoder.add(filled(qRgb(i, 0, 0)));
        QString reported = QStringLiteral("not called");
        encoder.close([&reported](const QString& error) { reported = error; });
        encoder.wait();
        EXPECT_EQ(reported, QString()); // success
        EXPECT_EQ(encoder.encoded(), 20u);
    }
    ASSERT_EQ(record.colours.size(), 20u);
    for (int i = 0; i < 20; ++i)
        EXPECT_EQ(qRed(record.colours[std::size_t(i)]), i);
    EXPECT_TRUE(record.finished);
    for (QThread* thread : record.threads)
        EXPECT_NE(thread, QThread::currentThread()) << "encoded on the caller's thread";
#ifdef __linux__
    const int here = nice_of_this_thread();
    for (int nice : record.nice)
        EXPECT_EQ(nice, std::min(here + 10, 19)) << "the encoder runs at the background priority";
#endif
}

class FailingSink : public FrameSink {
public:
    void add(const QImage&) override { throw AnimationError("disk full"); }
    void finish() override {}
};

TEST(FrameEncoder, AFailureReachesTheCaller) {
    FrameEncoder encoder([] { return std::make_unique<FailingSink>(); });
    encoder.add(filled(qRgb(1, 2, 3)));
    QString reported;
    encoder.close([&reported](const QString& error) { reported = error; });
    EXPECT_THROW(encoder.wait(), AnimationError);
    EXPECT_EQ(reported, QStringLiteral("disk full"));
}

// A GIF is written as NAME.gif.part and renamed once complete; stopped early, nothing is left and
// a file already under the name is untouched.
TEST(FrameEncoder, AnUnfinishedGifLeavesTheUsersFileAlone) {
    QTemporaryDir dir;
    const QString path = dir.filePath("cascade.gif");
    {
        QFile old(path);
        ASSERT_TRUE(old.open(QIODevice::WriteOnly));
        old.write("the user's own file");
    }
    const std::vector<QImage> samples{filled(qRgb(255, 255, 255)), filled(qRgb(0, 0, 0))};
    {
        FrameEncoder encoder([&] { return gif_sink(path, QSize(8, 8), 10, samples); });
        encoder.add(filled(qRgb(0, 0, 0)));
        encoder.add(filled(qRgb(255, 255, 255)));
    } // destroyed without close(): stopped
    QFile kept(path);
    ASSERT_TRUE(kept.open(QIODevice::ReadOnly));
    EXPECT_EQ(kept.readAll(), QByteArray("the user's own file"));
    EXPECT_FALSE(QFile::exists(path + ".part"));

    {
        FrameEncoder encoder([&] { return gif_sink(path, QSize(8, 8), 10, samples); });
        encoder.add(filled(qRgb(0, 0, 0)));
        encoder.close();
        encoder.wait();
    }
    QFile written(path);
    ASSERT_TRUE(written.open(QIODevice::ReadOnly));
    EXPECT_TRUE(written.readAll().startsWith("GIF89a"));
    EXPECT_FALSE(QFile::exists(path + ".part"));
}

TEST(FrameEncoder, APngSequenceAppearsOnlyWhenComplete) {
    QTemporaryDir dir;
    const QString path = dir.filePath("seq.png");
    {
        FrameEncoder encoder([&] { return png_sequence_sink(path); });
        for (int i = 0; i < 3; ++i)
            encoder.add(filled(qRgb(i, i, i)));
    } // stopped: no frame keeps a name, no .part is left
    EXPECT_TRUE(QDir(dir.path()).entryList(QDir::Files).isEmpty())
        << QDir(dir.path()).entryList().join(' ').toStdString();
    FrameEncoder encoder([&] { return png_sequence_sink(path); });
    for (int i = 0; i < 3; ++i)
        encoder.add(filled(qRgb(i, i, i)));
    encoder.close();
    encoder.wait();
    EXPECT_EQ(QDir(dir.path()).entryList(QDir::Files),
              QStringList({"seq-00000.png", "seq-00001.png", "seq-00002.png"}));
}

} // namespace
} // namespace levex::ui
