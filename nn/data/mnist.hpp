#pragma once
// The MNIST folder layout, shared by Fashion-MNIST: train-{images,labels} and t10k-* IDX files.

#include <cstddef>
#include <string>

#include "nn/data/dataset.hpp"

namespace actsearch::nn {

/// Loads the four files of a Fashion-MNIST or MNIST folder: train-images-idx3-ubyte,
/// train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte, each read as
/// NAME.gz or else as the uncompressed NAME. The subsets follow the peer script's convention:
/// train = the first n_train items of the training files, val = their LAST n_val items,
/// test = the first n_test items of the t10k files (not read when n_test is 0). Pixels are
/// scaled to [0, 1], 10 classes. Each file is decompressed once and only the chosen items
/// are converted. Throws actsearch::Error for a missing folder or file, any bad file
/// (see read_idx, check_idx_pair), and n_train + n_val or n_test larger than its file.
Split load_fashion_mnist(const std::string& dir, std::size_t n_train, std::size_t n_val,
                         std::size_t n_test);

}  // namespace actsearch::nn
