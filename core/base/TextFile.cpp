// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/TextFile.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace levex {

std::string read_text_file(const std::string& path) {
    if (std::filesystem::is_directory(path))
        throw IoError(path + ": expected a file, found a folder");
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!f)
        throw IoError(path + ": cannot open: " + std::strerror(errno));
    // One read into a buffer of the file's size (growing by appends would copy it several times).
    std::string bytes;
    if (std::fseek(f.get(), 0, SEEK_END) == 0) {
        const long size = std::ftell(f.get());
        if (size > 0)
            bytes.resize(static_cast<std::size_t>(size));
        std::rewind(f.get());
    }
    std::size_t got = bytes.empty() ? 0 : std::fread(bytes.data(), 1, bytes.size(), f.get());
    bytes.resize(got);
    char buffer[1 << 16]; // whatever the size did not announce (pipes, growing files)
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, f.get())) > 0)
        bytes.append(buffer, n);
    if (std::ferror(f.get()))
        throw IoError(path + ": read error: " + std::strerror(errno));
    return bytes;
}

MappedFile::MappedFile(const std::string& path) {
    if (std::filesystem::is_directory(path))
        throw IoError(path + ": expected a file, found a folder");
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw IoError(path + ": cannot open: " + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
        void* map = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
        if (map != MAP_FAILED) {
            ::madvise(map, static_cast<std::size_t>(st.st_size), MADV_SEQUENTIAL);
            map_ = map;
            map_size_ = static_cast<std::size_t>(st.st_size);
            bytes_ = std::string_view(static_cast<const char*>(map), map_size_);
        }
    }
    ::close(fd);
    if (!map_) {
        copy_ = read_text_file(path);
        bytes_ = copy_;
    }
}

void MappedFile::release_before(std::size_t offset) const {
    const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    const std::size_t whole = std::min(offset, map_size_) / page * page;
    if (map_ && whole > 0)
        ::madvise(map_, whole, MADV_DONTNEED); // a private read-only file mapping: re-read from the file
}

MappedFile::~MappedFile() {
    if (map_)
        ::munmap(map_, map_size_);
}

void write_text_file(const std::string& path, const std::string& bytes) {
    write_text_file(path, [&](const TextSink& sink) { sink(bytes); });
}

void write_text_file(const std::string& path, const TextProducer& produce) {
    const std::string tmp = path + ".part";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0)
        throw IoError(path + ": cannot write: " + std::strerror(errno));
    auto write_failed = [&](int error) { return IoError(path + ": write failed: " + std::strerror(error)); };
    try {
        produce([&](std::string_view piece) {
            while (!piece.empty()) { // write() may take less than it is given
                const ssize_t n = ::write(fd, piece.data(), piece.size());
                if (n < 0 && errno == EINTR)
                    continue;
                if (n <= 0)
                    throw write_failed(n < 0 ? errno : EIO);
                piece.remove_prefix(static_cast<std::size_t>(n));
            }
        });
    } catch (...) {
        ::close(fd);
        std::remove(tmp.c_str());
        throw;
    }
    if (::close(fd) != 0) { // a delayed write error (a full disk, a network file system)
        const int error = errno;
        std::remove(tmp.c_str());
        throw write_failed(error);
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        std::remove(tmp.c_str());
        throw IoError(path + ": cannot write: " + ec.message());
    }
}

std::pair<std::size_t, std::size_t> line_column_at(std::string_view text, std::size_t offset) {
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return {line, column};
}

} // namespace levex
