-- glasspane link presets: optical links built from a link budget, electrical links by reach.
--
-- Each optical preset's laser power is computed by gp_link_eval from its budget; the other
-- terms are per-bit electrical energies. tests/test-link.c checks that the computed total
-- of every optical preset with a published figure lands within 15% of it.
--
-- Published component splits are scarce. How the breakdowns below were derived:
--   * The laser term is never entered: it follows from the budget (sensitivity, losses,
--     wall-plug efficiency), whose parts are cited or marked as estimates.
--   * Pluggables: the DSP (with the host-side SerDes) is taken as half of module power,
--     because linear-drive pluggables (LPO), which drop the DSP, are reported at about half
--     the power of DSP modules (LPO). Driver and TIA take typical shares (estimate); "other"
--     (microcontroller, DC-DC conversion, TEC control) is the remainder to the published
--     module power, and is labelled as such.
--   * CPO: no DSP; the host SerDes drives the optical engine over a short in-package trace
--     (estimate ~2.5 pJ/bit, between a die-to-die PHY and a long-reach SerDes); driver,
--     receiver and ring tuning are estimates; "other" is the remainder.
--   * DWDM micro-ring chiplet: the per-lane electrical energies are estimates that add up
--     to the published total together with the computed laser and tuning terms.
--
-- Sources (keys used in the `sources` tables):
--   BRIEF34   glasspane domain brief sec. 3.4 (800G pluggable 14-16 W / 17.5-20 pJ/bit;
--             Broadcom Bailly CPO 5.5 W per 800G / 6.9 pJ/bit; NVIDIA 1.6T pluggable ~30 W
--             vs CPO ~9 W, 18.75 vs 5.6 pJ/bit; NVLink-C2C 1.3 pJ/bit; 112G LR SerDes
--             ~5.5 pJ/bit; NVIDIA micro-ring DWDM test chip 2.78 pJ/bit; micro-ring
--             modulator < 7 fJ/bit (Optica 2016); receiver sensitivity -15.6 dBm OMA;
--             glass waveguides: K+ ion exchange 0.1 dB/cm, Cu-film ion exchange 0.22 dB/cm,
--             fs-laser-written glass ~1.5 dB/cm and +0.5 dB per grating coupler).
--   IEEE-DR   IEEE 802.3bs-2017 clause 124 (400GBASE-DR4, 100 Gb/s per lane over 500 m
--             SMF): receiver sensitivity (OMAouter) -4.4 dBm, TDECQ up to 3.4 dB, channel
--             insertion loss 3 dB (as read from the clause's tables).
--   G652      ITU-T G.652 single-mode fibre: cabled attenuation <= 0.5 dB/km at 1310 nm.
--   LPO       Linear-drive pluggable optics (Arista, OFC 2023 and after): removing the DSP
--             roughly halves 800G module power. Used only to split DSP from the rest.
--   NV-ISSCC  NVIDIA, ISSCC 2026, "A 32Gb/s/lambda 256Gb/s/Fiber Half-Rate Bandpass-Filtered
--             Clock-Forwarding DWDM ..." (title as reported by Silicon Co-Design, 2026): the
--             lane configuration taken for the DWDM chiplet preset.
--   UCIE      UCIe 1.0 specification (2022): 0.5 pJ/bit standard-package target.
--   NVC2C     NVIDIA Grace Hopper NVLink-C2C (Hot Chips 34, 2022): 900 GB/s, 1.3 pJ/bit.
--   NVL4      NVIDIA H100: 18 NVLink4 links, 900 GB/s bidirectional per GPU (25 GB/s per
--             link per direction).
--   NVL2      NVIDIA research (reported by TechPowerUp, Dec 2020): NVLink 2.0 ~8 pJ/bit
--             over 0.3 m without repeaters.
--   EST       glasspane estimate; the comment says how it was derived.
return {
  format = 1,
  kind = "links",
  links = {
    ---------------------------------------------------------------------------------------
    -- 800G DR8 pluggable, silicon photonics: 8 x 100G PAM4, two CW lasers each split 1:4.
    -- Published: 14-16 W, 17.5-20 pJ/bit (BRIEF34). Target: the midpoint 15 W = 18.75.
    -- Computed: laser 16.27 dBm (42.4 mW) per laser, 0.71 pJ/bit; total 18.71 pJ/bit.
    {
      name = "pluggable-800g-dr8", medium = "optical", reach_class = "cable",
      lane_rate_gbps = 100, lanes = 8, reach_m = 500,        -- IEEE-DR (500 m)
      rx_sensitivity_dbm = -4.4,       -- IEEE-DR
      margin_db = 1.0,                 -- EST: typical design margin
      penalty_db = 3.4,                -- IEEE-DR: TDECQ allowance (also covers OMA-to-average)
      coupling_loss_db = 1.5, coupling_count = 3,  -- EST: laser-PIC, PIC-fibre, fibre-PIC, 1-2 dB each
      modulator_loss_db = 4.0,         -- EST: silicon Mach-Zehnder, 3-5 dB typical
      mux_loss_db = 0,                 -- parallel fibre, no WDM
      lanes_per_laser = 4, splitter_excess_db = 0.5,  -- EST: 2 lasers for 8 lanes
      waveguide_loss_db_per_cm = 0, waveguide_length_cm = 0,
      grating_coupler_loss_db = 0, grating_coupler_count = 0,
      fibre_loss_db_per_km = 0.5,      -- G652
      connector_loss_db = 0.5, connector_count = 2,   -- EST: within IEEE-DR's 3 dB channel
      laser_wpe = 0.15,                -- EST: cooled CW DFB with its TEC
      laser_max_mw = 100,              -- EST: high-power CW DFB
      serdes_pj_per_bit = 9.4,         -- LPO: DSP + host SerDes = half of 18.75
      modulator_driver_pj_per_bit = 4.0, -- EST
      receiver_pj_per_bit = 2.0,       -- EST: TIA
      tuning_mw_per_lane = 0,          -- no rings
      other_pj_per_bit = 2.6,          -- remainder to 15 W: MCU, DC-DC, TEC control
      sources = {
        rx_sensitivity_dbm = "IEEE 802.3bs cl. 124 (400GBASE-DR4): -4.4 dBm OMAouter",
        penalty_db = "IEEE 802.3bs cl. 124: TDECQ up to 3.4 dB",
        reach_m = "IEEE 802.3bs cl. 124: 500 m SMF",
        fibre_loss_db_per_km = "ITU-T G.652: <= 0.5 dB/km cabled at 1310 nm",
        margin_db = "estimate: typical design margin",
        coupling_loss_db = "estimate: silicon photonics couplers 1-2 dB per interface",
        modulator_loss_db = "estimate: silicon MZM insertion loss 3-5 dB",
        lanes_per_laser = "estimate: two CW lasers for eight lanes",
        connector_loss_db = "estimate: two connectors inside IEEE-DR's 3 dB channel",
        laser_wpe = "estimate: cooled CW DFB including its TEC",
        laser_max_mw = "estimate: high-power CW DFB",
        serdes_pj_per_bit = "derived: DSP = half of module power (LPO comparisons)",
        modulator_driver_pj_per_bit = "estimate: linear MZM driver share",
        receiver_pj_per_bit = "estimate: TIA share",
        other_pj_per_bit = "derived: remainder to 15 W (brief 3.4: 14-16 W)",
        lanes = "800G = 8 x 100G", lane_rate_gbps = "800G = 8 x 100G",
      },
    },
    ---------------------------------------------------------------------------------------
    -- 1.6T DR8 pluggable: 8 x 200G PAM4. Published ~30 W, 18.75 pJ/bit (BRIEF34).
    -- Computed: laser 18.77 dBm (75.3 mW), 0.63 pJ/bit; total 18.73 pJ/bit.
    {
      name = "pluggable-1.6t-dr8", medium = "optical", reach_class = "cable",
      lane_rate_gbps = 200, lanes = 8, reach_m = 500,
      rx_sensitivity_dbm = -2.9,       -- EST: 100G-lane -4.4 dBm (IEEE-DR) + 1.5 dB for 200G
      margin_db = 1.0, penalty_db = 3.4,            -- EST, IEEE-DR (carried over)
      coupling_loss_db = 1.5, coupling_count = 3,  -- EST
      modulator_loss_db = 5.0,         -- EST: wider-bandwidth MZM, more loss
      mux_loss_db = 0,
      lanes_per_laser = 4, splitter_excess_db = 0.5,  -- EST
      waveguide_loss_db_per_cm = 0, waveguide_length_cm = 0,
      grating_coupler_loss_db = 0, grating_coupler_count = 0,
      fibre_loss_db_per_km = 0.5,      -- G652
      connector_loss_db = 0.5, connector_count = 2,   -- EST
      laser_wpe = 0.15, laser_max_mw = 100,         -- EST
      serdes_pj_per_bit = 9.0,         -- LPO: about half of 18.75
      modulator_driver_pj_per_bit = 4.2, receiver_pj_per_bit = 2.2,  -- EST
      tuning_mw_per_lane = 0,
      other_pj_per_bit = 2.7,          -- remainder to 30 W
      sources = {
        rx_sensitivity_dbm = "estimate: -4.4 dBm (IEEE 802.3bs, 100G lane) + 1.5 dB at 200G",
        penalty_db = "IEEE 802.3bs cl. 124 TDECQ allowance, carried to 200G (estimate)",
        fibre_loss_db_per_km = "ITU-T G.652", modulator_loss_db = "estimate",
        coupling_loss_db = "estimate", lanes_per_laser = "estimate",
        laser_wpe = "estimate", laser_max_mw = "estimate",
        serdes_pj_per_bit = "derived: DSP = about half of module power (LPO comparisons)",
        modulator_driver_pj_per_bit = "estimate", receiver_pj_per_bit = "estimate",
        other_pj_per_bit = "derived: remainder to ~30 W (brief 3.4)",
        lanes = "1.6T = 8 x 200G", lane_rate_gbps = "1.6T = 8 x 200G",
      },
    },
    ---------------------------------------------------------------------------------------
    -- Broadcom Bailly-class CPO, per 800G port: 8 x 100G, external laser source shared 1:8.
    -- Published 5.5 W per 800G, 6.9 pJ/bit (BRIEF34). Computed: laser 20.28 dBm (107 mW)
    -- per ELS laser, 0.67 pJ/bit; total 6.87 pJ/bit.
    {
      name = "cpo-800g-broadcom", medium = "optical", reach_class = "cable",
      lane_rate_gbps = 100, lanes = 8, reach_m = 500,
      rx_sensitivity_dbm = -4.4, margin_db = 1.0, penalty_db = 3.4,  -- IEEE-DR, EST
      coupling_loss_db = 1.5, coupling_count = 3,   -- EST
      modulator_loss_db = 4.0,         -- EST: silicon MZM
      mux_loss_db = 0,
      lanes_per_laser = 8, splitter_excess_db = 1.0,  -- EST: one external laser per 8 lanes
      waveguide_loss_db_per_cm = 0, waveguide_length_cm = 0,
      grating_coupler_loss_db = 0, grating_coupler_count = 0,
      fibre_loss_db_per_km = 0.5,      -- G652
      connector_loss_db = 0.5, connector_count = 3,   -- EST: laser-module connector + 2 on the line
      laser_wpe = 0.2,                 -- EST: uncooled high-power DFB in a pluggable ELS
      laser_max_mw = 200,              -- EST: high-power ELS laser
      serdes_pj_per_bit = 2.5,         -- EST: in-package host SerDes, no DSP
      modulator_driver_pj_per_bit = 2.0, receiver_pj_per_bit = 1.2,  -- EST
      tuning_mw_per_lane = 0,
      other_pj_per_bit = 0.5,          -- remainder to 6.9 pJ/bit
      sources = {
        rx_sensitivity_dbm = "IEEE 802.3bs cl. 124: -4.4 dBm OMAouter (100G lane)",
        penalty_db = "IEEE 802.3bs cl. 124 TDECQ", fibre_loss_db_per_km = "ITU-T G.652",
        lanes_per_laser = "estimate: external laser source shared by 8 lanes",
        laser_wpe = "estimate", laser_max_mw = "estimate", coupling_loss_db = "estimate",
        modulator_loss_db = "estimate", connector_count = "estimate",
        serdes_pj_per_bit = "estimate: short in-package SerDes, between UCIe and LR",
        modulator_driver_pj_per_bit = "estimate", receiver_pj_per_bit = "estimate",
        other_pj_per_bit = "derived: remainder to 5.5 W per 800G (brief 3.4)",
      },
    },
    ---------------------------------------------------------------------------------------
    -- NVIDIA-class CPO, per 1.6T port: 8 x 200G PAM4 micro-ring modulators, external laser
    -- shared 1:8. Published ~9 W per 1.6T, 5.6 pJ/bit (BRIEF34). Computed: laser 20.78 dBm
    -- (120 mW), 0.37 pJ/bit; tuning 0.05 pJ/bit; total 5.62 pJ/bit.
    -- Same values as gp_link_params_init().
    {
      name = "cpo-1.6t-nvidia", medium = "optical", reach_class = "cable",
      lane_rate_gbps = 200, lanes = 8, reach_m = 500,
      rx_sensitivity_dbm = -2.9,       -- EST: as pluggable-1.6t-dr8
      margin_db = 1.0, penalty_db = 3.4,
      coupling_loss_db = 1.5, coupling_count = 3,   -- EST
      modulator_loss_db = 3.0,         -- EST: micro-ring through loss plus its bus
      mux_loss_db = 0,
      lanes_per_laser = 8, splitter_excess_db = 1.0,  -- EST
      waveguide_loss_db_per_cm = 0, waveguide_length_cm = 0,
      grating_coupler_loss_db = 0, grating_coupler_count = 0,
      fibre_loss_db_per_km = 0.5,      -- G652
      connector_loss_db = 0.5, connector_count = 3,   -- EST
      laser_wpe = 0.2, laser_max_mw = 200,          -- EST
      serdes_pj_per_bit = 2.5,         -- EST: in-package host SerDes, no DSP
      modulator_driver_pj_per_bit = 1.2, receiver_pj_per_bit = 1.0,  -- EST
      tuning_mw_per_lane = 10,         -- EST: ring heater and lock, ~5 mW per ring, 2 rings
      other_pj_per_bit = 0.5,          -- remainder to 5.6 pJ/bit
      sources = {
        rx_sensitivity_dbm = "estimate: -4.4 dBm (IEEE 802.3bs, 100G lane) + 1.5 dB at 200G",
        fibre_loss_db_per_km = "ITU-T G.652", modulator_loss_db = "estimate",
        lanes_per_laser = "estimate: external laser source shared by 8 lanes",
        laser_wpe = "estimate", laser_max_mw = "estimate", coupling_loss_db = "estimate",
        tuning_mw_per_lane = "estimate: ~5 mW per ring heater, two rings per lane",
        serdes_pj_per_bit = "estimate", modulator_driver_pj_per_bit = "estimate",
        receiver_pj_per_bit = "estimate",
        other_pj_per_bit = "derived: remainder to ~9 W per 1.6T (brief 3.4)",
      },
    },
    ---------------------------------------------------------------------------------------
    -- Micro-ring DWDM chiplet: 8 wavelengths x 32 Gb/s per fibre (NV-ISSCC configuration),
    -- one DFB per wavelength, clock-forwarded receivers. Published 2.78 pJ/bit for NVIDIA's
    -- test chip (BRIEF34). Whether that figure includes the laser is not stated in the
    -- brief; we include a computed laser term (0.12 pJ/bit), so if it excludes the laser our
    -- electrical terms are ~0.1 pJ/bit high. Computed: laser -4.10 dBm (0.39 mW) per
    -- wavelength; total 2.77 pJ/bit.
    {
      name = "dwdm-microring-chiplet", medium = "optical", reach_class = "cable",
      lane_rate_gbps = 32, lanes = 8, reach_m = 10,  -- NV-ISSCC; reach EST (in-rack)
      rx_sensitivity_dbm = -15.6,      -- BRIEF34: research receiver, OMA
      margin_db = 1.0,                 -- EST
      penalty_db = 2.0,                -- EST: ring extinction ratio, inter-channel crosstalk
      coupling_loss_db = 1.5, coupling_count = 3,   -- EST
      modulator_loss_db = 1.0,         -- EST: micro-ring through-port loss
      mux_loss_db = 2.0,               -- EST: drop ring ~1 dB + passing 7 other rings
      lanes_per_laser = 1, splitter_excess_db = 0,  -- a DFB per wavelength
      waveguide_loss_db_per_cm = 0, waveguide_length_cm = 0,
      grating_coupler_loss_db = 0, grating_coupler_count = 0,
      fibre_loss_db_per_km = 0.5,      -- G652
      connector_loss_db = 0.5, connector_count = 2,  -- EST
      laser_wpe = 0.1,                 -- EST: DFB array at a few mW sits near threshold
      laser_max_mw = 20,               -- EST: per-wavelength DFB
      modulator_driver_pj_per_bit = 0.5, -- EST: serializer + driver; ring itself < 7 fJ/bit (BRIEF34)
      receiver_pj_per_bit = 0.8,       -- EST: TIA + clock-forwarded sampler
      serdes_pj_per_bit = 1.1,         -- EST: (de)serializers and clocking
      tuning_mw_per_lane = 3.0,        -- EST: ~1.5 mW per ring, tx + rx ring
      other_pj_per_bit = 0.15,         -- remainder to 2.78 pJ/bit
      sources = {
        lane_rate_gbps = "NVIDIA ISSCC 2026 DWDM paper title: 32 Gb/s per wavelength",
        lanes = "NVIDIA ISSCC 2026 DWDM paper title: 256 Gb/s per fibre = 8 x 32",
        rx_sensitivity_dbm = "brief 3.4: research receiver sensitivity -15.6 dBm OMA",
        modulator_driver_pj_per_bit = "estimate; the ring itself < 7 fJ/bit (Optica 2016, brief 3.4)",
        fibre_loss_db_per_km = "ITU-T G.652", reach_m = "estimate: in-rack",
        mux_loss_db = "estimate", modulator_loss_db = "estimate", penalty_db = "estimate",
        laser_wpe = "estimate", laser_max_mw = "estimate", tuning_mw_per_lane = "estimate",
        receiver_pj_per_bit = "estimate", serdes_pj_per_bit = "estimate",
        other_pj_per_bit = "derived: remainder to 2.78 pJ/bit (brief 3.4)",
      },
    },
    ---------------------------------------------------------------------------------------
    -- Glass-waveguide board link: the DWDM chiplet's transceivers over 20 cm of K+
    -- ion-exchanged glass waveguide (0.1 dB/cm, BRIEF34), with one more coupling interface
    -- (fibre-glass) and no fibre. No published energy for such a link: the figure is
    -- derived. Computed: laser -0.60 dBm (0.87 mW), 0.27 pJ/bit; total 2.92 pJ/bit.
    {
      name = "glass-ionx-board", medium = "optical", reach_class = "board",
      lane_rate_gbps = 32, lanes = 8, reach_m = 0,
      rx_sensitivity_dbm = -15.6, margin_db = 1.0, penalty_db = 2.0,  -- as dwdm-microring-chiplet
      coupling_loss_db = 1.5, coupling_count = 4,   -- EST: laser-PIC, PIC-glass, glass-PIC + 1
      modulator_loss_db = 1.0, mux_loss_db = 2.0,   -- as dwdm-microring-chiplet
      lanes_per_laser = 1, splitter_excess_db = 0,
      waveguide_loss_db_per_cm = 0.1,  -- BRIEF34: K+ ion exchange as low as 0.1 dB/cm
      waveguide_length_cm = 20,        -- EST: across a server board
      grating_coupler_loss_db = 0, grating_coupler_count = 0,
      fibre_loss_db_per_km = 0,
      connector_loss_db = 0.5, connector_count = 2,
      laser_wpe = 0.1, laser_max_mw = 20,
      modulator_driver_pj_per_bit = 0.5, receiver_pj_per_bit = 0.8, serdes_pj_per_bit = 1.1,
      tuning_mw_per_lane = 3.0, other_pj_per_bit = 0.15,
      sources = {
        waveguide_loss_db_per_cm = "brief 3.4: K+ ion-exchange glass waveguides as low as 0.1 dB/cm",
        waveguide_length_cm = "estimate: across a server board",
        coupling_count = "estimate: one extra chip-to-glass interface",
        rx_sensitivity_dbm = "brief 3.4: -15.6 dBm OMA",
        modulator_driver_pj_per_bit = "as dwdm-microring-chiplet (estimates)",
      },
    },
    ---------------------------------------------------------------------------------------
    -- Glass interposer, fs-laser-written waveguides: 1.5 dB/cm and 0.5 dB per grating
    -- coupler (BRIEF34), 5 cm, two grating couplers into and out of the glass in place of
    -- two edge couplings. No published energy: derived. Computed: laser 2.90 dBm (1.95 mW),
    -- 0.61 pJ/bit; total 3.25 pJ/bit.
    {
      name = "glass-fslaser-interposer", medium = "optical", reach_class = "package",
      lane_rate_gbps = 32, lanes = 8, reach_m = 0,
      rx_sensitivity_dbm = -15.6, margin_db = 1.0, penalty_db = 2.0,
      coupling_loss_db = 1.5, coupling_count = 2,   -- EST: laser-PIC and one more
      modulator_loss_db = 1.0, mux_loss_db = 2.0,
      lanes_per_laser = 1, splitter_excess_db = 0,
      waveguide_loss_db_per_cm = 1.5,  -- BRIEF34: fs-laser-written glass ~1.5 dB/cm
      waveguide_length_cm = 5,         -- EST: across a glass interposer
      grating_coupler_loss_db = 0.5,   -- BRIEF34: +0.5 dB per grating-coupler interface
      grating_coupler_count = 2,
      fibre_loss_db_per_km = 0,
      connector_loss_db = 0.5, connector_count = 2,
      laser_wpe = 0.1, laser_max_mw = 20,
      modulator_driver_pj_per_bit = 0.5, receiver_pj_per_bit = 0.8, serdes_pj_per_bit = 1.1,
      tuning_mw_per_lane = 3.0, other_pj_per_bit = 0.15,
      sources = {
        waveguide_loss_db_per_cm = "brief 3.4: fs-laser-written glass interposer ~1.5 dB/cm",
        grating_coupler_loss_db = "brief 3.4: +0.5 dB per grating-coupler interface",
        waveguide_length_cm = "estimate: across a glass interposer",
        modulator_driver_pj_per_bit = "as dwdm-microring-chiplet (estimates)",
      },
    },
    ---------------------------------------------------------------------------------------
    -- Electrical links: the PHY's energy per bit (serdes_pj_per_bit) is the whole figure.
    {
      name = "ucie-standard", medium = "electrical", reach_class = "die_to_die",
      lane_rate_gbps = 32, lanes = 16,  -- UCIE: x16 standard-package module at 32 GT/s
      serdes_pj_per_bit = 0.5,          -- UCIE
      sources = { serdes_pj_per_bit = "UCIe 1.0 (2022): 0.5 pJ/bit standard package",
                  lanes = "UCIe 1.0: x16 standard-package module" },
    },
    {
      name = "nvlink-c2c", medium = "electrical", reach_class = "package",
      lane_rate_gbps = 3600, lanes = 1, -- NVC2C: 900 GB/s bidirectional = 3.6 Tb/s each way
      serdes_pj_per_bit = 1.3,          -- NVC2C, BRIEF34
      sources = { serdes_pj_per_bit = "NVIDIA NVLink-C2C (Hot Chips 34, 2022): 1.3 pJ/bit",
                  lane_rate_gbps = "NVLink-C2C 900 GB/s bidirectional, taken as one aggregate lane" },
    },
    {
      name = "serdes-112g-lr", medium = "electrical", reach_class = "board",
      lane_rate_gbps = 112, lanes = 1,
      serdes_pj_per_bit = 5.5,          -- BRIEF34
      sources = { serdes_pj_per_bit = "brief 3.4: 112G long-reach SerDes ~5.5 pJ/bit" },
    },
    {
      name = "copper-dac-112g", medium = "electrical", reach_class = "cable",
      lane_rate_gbps = 112, lanes = 8,
      serdes_pj_per_bit = 5.5,          -- EST: LR SerDes driving a passive DAC, no retimer
      sources = { serdes_pj_per_bit = "estimate: 112G LR SerDes (brief 3.4) into a passive copper cable" },
    },
    {
      name = "nvlink4", medium = "electrical", reach_class = "board",
      lane_rate_gbps = 100, lanes = 2,  -- NVL4: 25 GB/s per link per direction = 2 x 100G
      serdes_pj_per_bit = 5.5,          -- EST: 100G-class PAM4 SerDes, as 112G LR
      sources = { serdes_pj_per_bit = "estimate: NVIDIA publishes no NVLink4 pJ/bit; taken as a 112G LR SerDes (brief 3.4)",
                  lane_rate_gbps = "H100: 18 NVLink4 links, 900 GB/s bidirectional" },
    },
    {
      name = "nvlink2", medium = "electrical", reach_class = "board",
      lane_rate_gbps = 25, lanes = 8,   -- NVLink 2.0: 8 lanes x 25 Gb/s per link direction
      serdes_pj_per_bit = 8.0,          -- NVL2
      sources = { serdes_pj_per_bit = "NVIDIA research via TechPowerUp (Dec 2020): NVLink 2.0 ~8 pJ/bit, 0.3 m",
                  lane_rate_gbps = "NVLink 2.0: 25 Gb/s signalling" },
    },
  },
}
