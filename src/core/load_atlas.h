// Private: reading one atlas view file (kb/atlas/<view>.yaml) into the Model.
// Shapes are checked for form here (numbers, counts, sizes); whether they
// name real areas and trigger points and lie inside the outline is checked
// with the whole KB in validate_atlas.cc.
#ifndef TPX_SRC_CORE_LOAD_ATLAS_H_
#define TPX_SRC_CORE_LOAD_ATLAS_H_

#include <yaml-cpp/yaml.h>

#include "tpx/model.h"
#include "yaml_reader.h"

namespace tpx::detail {

void read_atlas_view(YamlReader& r, const YAML::Node& doc, Model& m);

}  // namespace tpx::detail

#endif  // TPX_SRC_CORE_LOAD_ATLAS_H_
