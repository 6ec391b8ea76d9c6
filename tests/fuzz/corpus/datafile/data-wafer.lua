-- glasspane wafer defaults: the geometry every die count starts from (gp_wafer_params_init).
--
-- Sources:
--   BRIEF31  glasspane domain brief 3.1, summarising published cost models: 300 mm wafer,
--            3-5 mm edge exclusion, 0.06-0.2 mm scribe lane.
--   HP6      Hennessy and Patterson, CA:AQA 6th ed., sec. 1.6 (300 mm wafers).
--   RET      ASML 193i scanner field, 26 x 33 mm = 858 mm2 (brief 3.1), in gp-wafer.h.
-- The die below is only the example die the demo and bench use (10 x 10 mm).
return {
  format = 1,
  kind = "wafer",
  wafer = {
    wafer_diameter_mm = 300,   -- HP6, BRIEF31
    edge_exclusion_mm = 3,     -- BRIEF31: low end of 3-5 mm
    scribe_mm = 0.1,           -- BRIEF31: within 0.06-0.2 mm
    die_width_mm = 10,         -- example die
    die_height_mm = 10,        -- example die
    offset_steps = 32,         -- grid offsets per axis: counts settle by 16-32 on 300 mm
    wafer_scale = false,
    sources = {
      wafer_diameter_mm = "H&P CA:AQA 6th ed. 1.6; every leading-edge node uses 300 mm",
      edge_exclusion_mm = "published cost models use 3-5 mm (brief 3.1); low end taken",
      scribe_mm = "published cost models use 0.06-0.2 mm (brief 3.1)",
      die_width_mm = "example die for the demo table and bench",
      die_height_mm = "example die for the demo table and bench",
    },
  },
}
