#pragma once
// Whole-file reads for the data loaders: gzip-compressed or plain, told apart by content.

#include <cstdint>
#include <string>
#include <vector>

namespace actsearch::nn {

/// The bytes of the file at `path`: decompressed if it is gzip (whatever its name), as they
/// are otherwise. An empty file gives an empty vector (the caller names that problem).
/// Throws actsearch::Error "<path>: <problem>" for a missing file, a directory, a file that
/// cannot be opened or read, and a truncated or corrupt gzip stream.
std::vector<std::uint8_t> read_file_bytes(const std::string& path);

}  // namespace actsearch::nn
