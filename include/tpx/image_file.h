// Compiled KB files (.tpxi): what `tpx compile DIR -o FILE` writes and
// `--kb FILE` opens. The bytes are exactly an image (image.h); opening one
// applies every check the cache applies to its own files.
#ifndef TPX_IMAGE_FILE_H_
#define TPX_IMAGE_FILE_H_

#include <cstddef>
#include <filesystem>
#include <span>
#include <string>

namespace tpx {

/// Writes `bytes` to a new temporary file beside `path` and renames it over
/// `path`, so a reader sees the old file or the whole new one, never half
/// of one. False with the reason in `*error` (the temporary file removed).
bool write_image_file(const std::filesystem::path& path, std::span<const std::byte> bytes, std::string* error);


}  // namespace tpx

#endif  // TPX_IMAGE_FILE_H_
