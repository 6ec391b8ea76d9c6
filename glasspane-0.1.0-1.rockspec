-- glasspane-0.1.0-1.rockspec: `luarocks make` (or install) builds the Lua module with meson
-- and installs it into the rock tree. The module links no liblua (it takes Lua from the
-- interpreter) and exports luaopen_glasspane alone; its data (presets with sources) are
-- installed under the rock's prefix and found from there, or from $GP_DATA_DIR.
rockspec_format = "3.0"
package = "glasspane"
version = "0.1.0-1"
source = {
  url = "git+https://github.com/glasspane/glasspane.git",
  tag = "v0.1.0",
}
description = {
  summary = "Design-space models of AI training hardware, from Lua",
  detailed = [[
Die yield and cost, packaging, links and topologies, training step time, failures, power
and embodied carbon of Lite-GPU glass servers, DGX-style clusters and wafer-scale machines,
with every default traced to a published source; sweeps, uncertainty, charts (SVG, PDF,
PNG) and CSV that read back the same under every locale.]],
  homepage = "https://github.com/glasspane/glasspane",
  license = "MIT",
  labels = { "science", "hardware", "modelling" },
}
dependencies = {
  "lua >= 5.4, < 5.5",
}
external_dependencies = {
  GSL = { header = "gsl/gsl_math.h" },
  CAIRO = { header = "cairo/cairo.h" },
}
build = {
  type = "command",
  -- The library only (-Dgui=disabled: no GTK needed), its module into the rock's LIBDIR.
  build_command = [[meson setup _rock --prefix="$(PREFIX)" --buildtype=release -Dgui=disabled -Dlua_cmod_dir="$(LIBDIR)" && ninja -C _rock scripting/glasspane.so scripting/glasspane-script]],
  install_command = [[meson install -C _rock --no-rebuild]],
}
