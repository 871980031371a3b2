// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/model/RunParameters.h"

namespace levex {

const char* depth_model_name(DepthModel model) {
    switch (model) {
    case DepthModel::Flat: return "flat";
    case DepthModel::VShaped: return "v-shaped";
    case DepthModel::Metaorder: return "metaorder";
    case DepthModel::L2Book: return "l2-book";
    case DepthModel::PowerLaw: return "power-law";
    case DepthModel::Amm: return "amm";
    }
    return "v-shaped";
}

std::optional<DepthModel> depth_model_from_name(std::string_view name) {
    for (DepthModel model : {DepthModel::Flat, DepthModel::VShaped, DepthModel::Metaorder, DepthModel::L2Book,
                             DepthModel::PowerLaw, DepthModel::Amm})
        if (name == depth_model_name(model))
            return model;
    return std::nullopt;
}

const char* amm_kind_name(AmmKind kind) {
    switch (kind) {
    case AmmKind::ConstantProduct: return "constant-product";
    case AmmKind::StableSwap: return "stableswap";
    }
    return "constant-product";
}

std::optional<AmmKind> amm_kind_from_name(std::string_view name) {
    for (AmmKind kind : {AmmKind::ConstantProduct, AmmKind::StableSwap})
        if (name == amm_kind_name(kind))
            return kind;
    return std::nullopt;
}

double usual_amm_fee(AmmKind kind) {
    return kind == AmmKind::StableSwap ? 0.0004 : 0.003;
}

} // namespace levex
