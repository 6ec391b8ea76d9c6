-- glasspane process-node table: what the wafer, yield, cost and carbon models need per node.
--
-- Sources (short keys used in each entry's `sources` table):
--   CSET2020  S. Khan, A. Mann, "AI Chips: What They Are and Why They Matter", CSET, April
--             2020, Table 9: foundry sale price per 300 mm wafer (5 nm 16,988; 7 nm 9,346;
--             10 nm 5,992; 16/12 nm 3,984; 28 nm 2,891; 40 nm 2,274; 65 nm 1,937 USD).
--   DT2022    DigiTimes, 2022: TSMC N3 wafer price about 20,000 USD.
--   AT16028   AnandTech article 16028 (2020), TSMC disclosure: N7 0.09 defects/cm2 (2019),
--             N5 0.10-0.11 defects/cm2 (2020).
--   CA2022    Feng and Ma, "Chiplet Actuary", DAC 2022, defaults: 5 nm D0 0.11, 7 nm 0.09,
--             10-14 nm 0.08, 20-55 nm 0.07, clustering alpha 10.
--   HP6       Hennessy and Patterson, CA:AQA 6th ed., sec. 1.6: Bose-Einstein critical layers
--             N = 7.5-9.5 at 28 nm, 10-14 at 16 nm.
--   ACT2022   Gupta et al., "ACT: Designing Sustainable Computer Systems with an
--             Architectural Carbon Modeling Tool", ISCA 2022: per-area fab energy (EPA,
--             kWh/cm2), gases at 95% abatement (GPA, g/cm2), materials (MPA, g/cm2).
--   EST       glasspane estimate; the comment beside the value says how it was derived.
--
-- All wafers are 300 mm. D0 for N3 has no published figure: it is taken equal to N5's
-- launch-era value (EST), and N3's critical layers are extrapolated from H&P's 16 nm range.
return {
  format = 1,
  kind = "nodes",
  nodes = {
    {
      name = "N3", feature_nm = 3, wafer_diameter_mm = 300,
      wafer_cost_usd = 20000,        -- DT2022
      d0_per_cm2 = 0.11,             -- EST: N5's 2020 value (AT16028); no N3 figure published
      alpha = 10,                    -- CA2022
      critical_layers = 16,          -- EST: H&P's 16 nm range (10-14) extended for more EUV layers
      epa_kwh_per_cm2 = 3.25, gpa_g_per_cm2 = 470, mpa_g_per_cm2 = 500,  -- ACT2022
      sources = {
        wafer_cost_usd = "DigiTimes 2022: TSMC N3 ~20,000 USD per 300 mm wafer",
        d0_per_cm2 = "estimate: N5 value (AnandTech 16028); no published N3 figure",
        alpha = "Chiplet Actuary (DAC 2022) default alpha = 10",
        critical_layers = "estimate: extrapolated from H&P CA:AQA 6th ed. 1.6 (16 nm: 10-14)",
        epa_kwh_per_cm2 = "ACT (ISCA 2022), 3 nm", gpa_g_per_cm2 = "ACT (ISCA 2022), 3 nm",
        mpa_g_per_cm2 = "ACT (ISCA 2022), 3 nm",
      },
    },
    {
      name = "N5", feature_nm = 5, wafer_diameter_mm = 300,
      wafer_cost_usd = 16988,        -- CSET2020
      d0_per_cm2 = 0.11,             -- AT16028 (0.10-0.11, 2020), CA2022 (0.11)
      alpha = 10,                    -- CA2022
      critical_layers = 14,          -- EST: top of H&P's 16 nm range (10-14)
      epa_kwh_per_cm2 = 2.75, gpa_g_per_cm2 = 430, mpa_g_per_cm2 = 500,  -- ACT2022
      sources = {
        wafer_cost_usd = "CSET 2020, Table 9: 5 nm 16,988 USD",
        d0_per_cm2 = "AnandTech 16028 (TSMC, 2020): 0.10-0.11; Chiplet Actuary: 0.11",
        alpha = "Chiplet Actuary (DAC 2022) default alpha = 10",
        critical_layers = "estimate: top of H&P CA:AQA 6th ed. 1.6 16 nm range (10-14)",
        epa_kwh_per_cm2 = "ACT (ISCA 2022), 5 nm", gpa_g_per_cm2 = "ACT (ISCA 2022), 5 nm",
        mpa_g_per_cm2 = "ACT (ISCA 2022), 5 nm",
      },
    },
    {
      name = "N7", feature_nm = 7, wafer_diameter_mm = 300,
      wafer_cost_usd = 9346,         -- CSET2020
      d0_per_cm2 = 0.09,             -- AT16028 (2019), CA2022
      alpha = 10,                    -- CA2022
      critical_layers = 13,          -- EST: within H&P's 16 nm range (10-14)
      epa_kwh_per_cm2 = 2.15, gpa_g_per_cm2 = 350, mpa_g_per_cm2 = 500,  -- ACT2022
      sources = {
        wafer_cost_usd = "CSET 2020, Table 9: 7 nm 9,346 USD",
        d0_per_cm2 = "AnandTech 16028 (TSMC, 2019): 0.09; Chiplet Actuary: 0.09",
        alpha = "Chiplet Actuary (DAC 2022) default alpha = 10",
        critical_layers = "estimate: within H&P CA:AQA 6th ed. 1.6 16 nm range (10-14)",
        epa_kwh_per_cm2 = "ACT (ISCA 2022), 7 nm", gpa_g_per_cm2 = "ACT (ISCA 2022), 7 nm",
        mpa_g_per_cm2 = "ACT (ISCA 2022), 7 nm",
      },
    },
    {
      name = "N10", feature_nm = 10, wafer_diameter_mm = 300,
      wafer_cost_usd = 5992,         -- CSET2020
      d0_per_cm2 = 0.08,             -- CA2022 (10-14 nm)
      alpha = 10,                    -- CA2022
      critical_layers = 12,          -- HP6 (16 nm: 10-14), mid-range
      epa_kwh_per_cm2 = 1.475, gpa_g_per_cm2 = 240, mpa_g_per_cm2 = 500, -- ACT2022
      sources = {
        wafer_cost_usd = "CSET 2020, Table 9: 10 nm 5,992 USD",
        d0_per_cm2 = "Chiplet Actuary (DAC 2022): 10-14 nm 0.08",
        alpha = "Chiplet Actuary (DAC 2022) default alpha = 10",
        critical_layers = "H&P CA:AQA 6th ed. 1.6: 16 nm N = 10-14 (mid-range)",
        epa_kwh_per_cm2 = "ACT (ISCA 2022), 10 nm", gpa_g_per_cm2 = "ACT (ISCA 2022), 10 nm",
        mpa_g_per_cm2 = "ACT (ISCA 2022), 10 nm",
      },
    },
    {
      name = "N16", feature_nm = 16, wafer_diameter_mm = 300,
      wafer_cost_usd = 3984,         -- CSET2020 (16/12 nm)
      d0_per_cm2 = 0.08,             -- CA2022 (10-14 nm; 16/12 nm is the same family)
      alpha = 10,                    -- CA2022
      critical_layers = 12,          -- HP6 (16 nm: 10-14)
      epa_kwh_per_cm2 = 1.20, gpa_g_per_cm2 = 200, mpa_g_per_cm2 = 500,  -- ACT2022 (14 nm)
      sources = {
        wafer_cost_usd = "CSET 2020, Table 9: 16/12 nm 3,984 USD",
        d0_per_cm2 = "Chiplet Actuary (DAC 2022): 10-14 nm 0.08 (16/12 nm taken with them)",
        alpha = "Chiplet Actuary (DAC 2022) default alpha = 10",
        critical_layers = "H&P CA:AQA 6th ed. 1.6: 16 nm N = 10-14 (mid-range)",
        epa_kwh_per_cm2 = "ACT (ISCA 2022), 14 nm row", gpa_g_per_cm2 = "ACT (ISCA 2022), 14 nm row",
        mpa_g_per_cm2 = "ACT (ISCA 2022), 14 nm row",
      },
    },
    {
      name = "N28", feature_nm = 28, wafer_diameter_mm = 300,
      wafer_cost_usd = 2891,         -- CSET2020
      d0_per_cm2 = 0.07,             -- CA2022 (20-55 nm)
      alpha = 10,                    -- CA2022
      critical_layers = 8.5,         -- HP6 (28 nm: 7.5-9.5, mid-range)
      epa_kwh_per_cm2 = 0.90, gpa_g_per_cm2 = 175, mpa_g_per_cm2 = 500,  -- ACT2022
      sources = {
        wafer_cost_usd = "CSET 2020, Table 9: 28 nm 2,891 USD",
        d0_per_cm2 = "Chiplet Actuary (DAC 2022): 20-55 nm 0.07",
        alpha = "Chiplet Actuary (DAC 2022) default alpha = 10",
        critical_layers = "H&P CA:AQA 6th ed. 1.6: 28 nm N = 7.5-9.5 (mid-range)",
        epa_kwh_per_cm2 = "ACT (ISCA 2022), 28 nm", gpa_g_per_cm2 = "ACT (ISCA 2022), 28 nm",
        mpa_g_per_cm2 = "ACT (ISCA 2022), 28 nm",
      },
    },
    {
      name = "N40", feature_nm = 40, wafer_diameter_mm = 300,
      wafer_cost_usd = 2274,         -- CSET2020
      d0_per_cm2 = 0.07,             -- CA2022 (20-55 nm)
      alpha = 10,                    -- CA2022
      critical_layers = 7.5,         -- EST: bottom of H&P's 28 nm range (fewer layers)
      sources = {
        wafer_cost_usd = "CSET 2020, Table 9: 40 nm 2,274 USD",
        d0_per_cm2 = "Chiplet Actuary (DAC 2022): 20-55 nm 0.07",
        alpha = "Chiplet Actuary (DAC 2022) default alpha = 10",
        critical_layers = "estimate: bottom of H&P CA:AQA 6th ed. 1.6 28 nm range (7.5-9.5)",
      },
    },
    {
      name = "N65", feature_nm = 65, wafer_diameter_mm = 300,
      wafer_cost_usd = 1937,         -- CSET2020
      d0_per_cm2 = 0.07,             -- EST: CA2022's 20-55 nm value; mature nodes are no worse
      alpha = 10,                    -- CA2022
      critical_layers = 7.5,         -- EST: bottom of H&P's 28 nm range
      sources = {
        wafer_cost_usd = "CSET 2020, Table 9: 65 nm 1,937 USD",
        d0_per_cm2 = "estimate: Chiplet Actuary 20-55 nm value (0.07) carried to 65 nm",
        alpha = "Chiplet Actuary (DAC 2022) default alpha = 10",
        critical_layers = "estimate: bottom of H&P CA:AQA 6th ed. 1.6 28 nm range (7.5-9.5)",
      },
    },
  },
}
