#pragma once
// The kinds of child network and of normalisation, apart from the layers, so that task
// configurations can name them without including the networks.

namespace actsearch::nn {

/// mlp: dense layers; cnn: the small residual conv net of ../shared/peers/torch_cnn.py.
enum class NetKind { Mlp, Cnn };

/// None: no normalisation layer; Batch: batch norm; Layer: layer norm over a sample.
enum class NormKind { None, Batch, Layer };

}  // namespace actsearch::nn
