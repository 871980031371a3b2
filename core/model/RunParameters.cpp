// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/model/RunParameters.h"

namespace levex {

const char* depth_model_name(DepthModel model) {
    switch (model) {
    case DepthModel::Flat: return "flat";
    case DepthModel::VShaped: return "v-shaped";
    case DepthModel::Metaorder: return "metaorder";
    case DepthModel::L2Book: return "l2-book";
    }
    return "v-shaped";
}

std::optional<DepthModel> depth_model_from_name(std::string_view name) {
    for (DepthModel model : {DepthModel::Flat, DepthModel::VShaped, DepthModel::Metaorder, DepthModel::L2Book})
        if (name == depth_model_name(model))
            return model;
    return std::nullopt;
}

} // namespace levex
