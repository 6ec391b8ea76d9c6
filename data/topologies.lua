-- glasspane topology presets: the interconnect of a whole machine (gp_topology_params).
--
-- Sources (keys used in the `sources` tables):
--   BRIEF4    glasspane domain brief sec. 4: DGX H100 = 8 x H100, 4 x NVSwitch, 8 x 400 Gb/s
--             ConnectX-7; H100 NVLink4 900 GB/s; CS-3 ~1.2 Tb/s of I/O per system (ALCF).
--   BRIEF34   brief sec. 3.4: 800G pluggable 17.5-20 pJ/bit; CPO and DWDM figures.
--   NVL4      NVIDIA H100: 18 NVLink4 links per GPU, 25 GB/s per link per direction.
--   NVSW3     NVIDIA NVLink/NVSwitch page: third-generation NVSwitch has 64 NVLink ports.
--   QM9700    NVIDIA Quantum-2 QM9700: 64 ports of NDR 400 Gb/s in 1U; port-to-port
--             latency under ~150 ns as quoted by resellers (weak).
--   FATTREE   Al-Fares, Loukissas, Vahdat, SIGCOMM 2008: k-ary fat tree, k^3/4 hosts,
--             5k^2/4 switches (the counting in gp_fat_tree_build).
--   TPUV4     Jouppi et al., "TPU v4: An Optically Reconfigurable Supercomputer", ISCA 2023:
--             4,096 chips in a 3D torus (16 x 16 x 16 slices through OCSes), six ICI links
--             per chip; the OCSes are < 5% of system cost and < 3% of its power; Palomar OCS
--             136 x 136 ports.
--   LINKS     data/links.lua: energies per bit computed by gp_link_eval.
--   PALOMAR   Urata et al. / Liu et al., "Lightwave Fabrics: At-Scale Optical Circuit
--             Switching for Datacenter and Machine Learning Systems", SIGCOMM 2023: Google's
--             Palomar MEMS OCS, 136 x 136 duplex ports (with circulators), reconfiguration
--             median ~1.2 ms, 99th percentile < 3 ms.
--   TOPOOPT   Wang et al., "TopoOpt: Co-optimizing Network Topology and Parallelization
--             Strategy for Distributed Training Jobs", NSDI 2023: d ports per server on
--             OCS / patch panels, circuits chosen per job; up to 3.4x over a fat tree of
--             similar cost.
--   SIPML     Khani et al., "SiP-ML: High-Bandwidth Optical Network Interconnects for
--             Machine Learning Training", SIGCOMM 2021: few Tb/s optical ports per
--             accelerator, direct-connect rings and OCS; 1.3-9.1x faster training.
--   DALLY     Dally and Towles, "Principles and Practices of Interconnection Networks",
--             2004: tori, hypercubes, dimension-order and e-cube routing.
--   EST       glasspane estimate; the comment says how it was derived.
--
-- Costs of switches, transceivers and cables are purchase prices (the build costs of the
-- same parts are in data/systems.lua's cost tables, models/gp-cost.h) and estimates
-- throughout unless a source is named: vendors do not publish them. Each says its range;
-- data/uncertainty.lua draws the DGX cluster's over it. Parameters to sweep, not findings.
--   LUX2024   LuxOptx, "800G Optical Module Cost Analysis" (seller's blog, weak): 400G
--             QSFP-DD 600-800 USD; MPO trunk cables 50-150 USD.
return {
  format = 1,
  kind = "topologies",
  topologies = {
    -- 128 DGX H100 (1,024 GPUs), SuperPOD-like non-blocking NDR fat tree.
    -- Same values as gp_topology_params_init().
    {
      name = "dgx-h100-ndr", kind = "fat_tree", accelerators = 1024,
      node_accels = 8,                    -- BRIEF4
      scaleup_links_per_accel = 18,       -- NVL4
      scaleup_link_rate_gbps = 200,       -- NVL4: 25 GB/s per direction
      scaleup_energy_pj_per_bit = 5.5,    -- LINKS "nvlink4" (estimate)
      scaleup_endpoint_latency_ns = 700,  -- EST: GPU-initiated NVLink transfer overhead
      scaleup_link_latency_ns = 20,       -- EST: PHY + board trace
      scaleup_hop_latency_ns = 100,       -- EST: NVSwitch traversal
      scaleup_transceiver_cost_usd = 0,   -- SerDes inside the GPU and switch dies
      scaleup_cable_cost_usd = 0,         -- board traces
      scaleup_switches_per_node = 4,      -- BRIEF4
      scaleup_switch_radix = 64,          -- NVSW3
      scaleup_switch_power_w = 90,        -- EST: not published; DGX H100 budget leaves room
      scaleup_switch_cost_usd = 2000,     -- EST: range 1,000-4,000 (NVSwitch is not sold alone)
      scaleout_ports_per_node = 8,        -- BRIEF4: 8 x ConnectX-7
      scaleout_port_rate_gbps = 400,      -- BRIEF4
      scaleout_energy_pj_per_bit = 18.75, -- BRIEF34: 800G pluggable 17.5-20 pJ/bit, midpoint
      scaleout_endpoint_latency_ns = 1000,-- EST: RDMA NIC + PCIe, both ends
      scaleout_link_latency_ns = 150,     -- EST: ~30 m fibre at 5 ns/m
      scaleout_hop_latency_ns = 130,      -- QM9700 (weak)
      scaleout_transceiver_cost_usd = 700,-- LUX2024: 400G 600-800 USD (weak); range 400-1,000
      scaleout_cable_cost_usd = 100,      -- LUX2024: MPO trunk 50-150 USD (weak)
      scaleout_switch_radix = 64,         -- QM9700
      scaleout_oversubscription = 1,      -- non-blocking, as DGX SuperPOD
      scaleout_switch_power_w = 750,      -- EST: 64-port NDR switch without optics
      scaleout_switch_cost_usd = 25000,   -- EST: range 15,000-35,000
      sources = {
        node_accels = "brief sec. 4: DGX H100 = 8 x H100",
        scaleup_links_per_accel = "NVIDIA H100: 18 NVLink4 links",
        scaleup_link_rate_gbps = "NVIDIA H100: 900 GB/s over 18 links, both directions",
        scaleup_energy_pj_per_bit = "estimate: data/links.lua nvlink4",
        scaleup_switches_per_node = "brief sec. 4: 4 x NVSwitch",
        scaleup_switch_radix = "NVIDIA: third-generation NVSwitch, 64 NVLink ports",
        scaleup_switch_power_w = "estimate: not published",
        scaleup_switch_cost_usd = "estimate: purchase price, range 1,000-4,000 USD",
        scaleup_endpoint_latency_ns = "estimate", scaleup_link_latency_ns = "estimate",
        scaleup_hop_latency_ns = "estimate",
        scaleout_ports_per_node = "brief sec. 4: 8 x 400 Gb/s ConnectX-7",
        scaleout_energy_pj_per_bit = "brief 3.4: 800G pluggable 17.5-20 pJ/bit (midpoint)",
        scaleout_switch_radix = "NVIDIA Quantum-2 QM9700: 64 x NDR 400 Gb/s",
        scaleout_hop_latency_ns = "reseller figure for Quantum-2: < 150 ns (weak)",
        scaleout_switch_power_w = "estimate", scaleout_switch_cost_usd = "estimate: purchase price, range 15,000-35,000 USD",
        scaleout_transceiver_cost_usd = "LuxOptx 2024 (seller's blog, weak): 400G QSFP-DD 600-800 USD; range 400-1,000 USD",
        scaleout_cable_cost_usd = "LuxOptx 2024 (weak): MPO trunk cables 50-150 USD",
        scaleout_endpoint_latency_ns = "estimate", scaleout_link_latency_ns = "estimate: 30 m at 5 ns/m",
      },
    },
    -- A GLASS / Lite-GPU server: 4,096 small accelerators on a passive glass optical fabric,
    -- every one a hop from every other. Ports: 8 fibres of the DWDM chiplet (8 x 32 Gb/s).
    {
      name = "lite-gpu-glass-4096", kind = "optical_fabric", fabric_mode = "passive",
      accelerators = 4096,                 -- EST: "100s to 1000s" (GLASS, brief sec. 1)
      scaleup_links_per_accel = 8,         -- EST
      scaleup_link_rate_gbps = 256,        -- LINKS dwdm-microring-chiplet: 8 x 32 Gb/s
      scaleup_energy_pj_per_bit = 2.92,    -- LINKS glass-ionx-board (computed)
      scaleup_endpoint_latency_ns = 200,   -- EST
      scaleup_link_latency_ns = 20,        -- EST: SerDes + ~1 m of glass and fibre
      scaleup_hop_latency_ns = 0,          -- passive: nothing to cross
      scaleup_transceiver_cost_usd = 100,  -- EST: ~0.4 USD per Gb/s for a chiplet port, range 30-300
      scaleup_cable_cost_usd = 5,          -- EST: waveguide into the passive router, range 1-20
      sources = {
        accelerators = "estimate: GLASS targets 100s-1000s of accelerators per server",
        scaleup_link_rate_gbps = "data/links.lua dwdm-microring-chiplet (8 x 32 Gb/s)",
        scaleup_energy_pj_per_bit = "data/links.lua glass-ionx-board, computed 2.92 pJ/bit",
        scaleup_links_per_accel = "estimate", scaleup_endpoint_latency_ns = "estimate",
        scaleup_link_latency_ns = "estimate", scaleup_transceiver_cost_usd = "estimate: range 30-300 USD (data/systems.lua lite-gpu-glass prices its fabric from parts instead)",
        scaleup_cable_cost_usd = "estimate: range 1-20 USD",
      },
    },
    -- The same small accelerators on optical circuit switches: one OCS plane per port,
    -- radix 136 (Palomar) so at most 136 accelerators are one hop apart.
    {
      name = "lite-gpu-ocs-128", kind = "optical_fabric", fabric_mode = "circuit_switched",
      accelerators = 128,
      scaleup_links_per_accel = 8, scaleup_link_rate_gbps = 256,    -- as lite-gpu-glass-4096
      scaleup_energy_pj_per_bit = 2.77,    -- LINKS dwdm-microring-chiplet (computed)
      scaleup_endpoint_latency_ns = 200, scaleup_link_latency_ns = 30,  -- EST
      scaleup_hop_latency_ns = 0,          -- EST: light crosses a MEMS OCS
      scaleup_transceiver_cost_usd = 100, scaleup_cable_cost_usd = 20,  -- EST: ranges 30-300, 5-50
      scaleup_switch_radix = 136,          -- TPUV4: Palomar 136 x 136
      scaleup_switch_power_w = 100,        -- EST: MEMS OCS, TPUV4 says OCSes < 3% of power
      scaleup_switch_cost_usd = 50000,     -- EST: range 20,000-150,000
      sources = {
        scaleup_switch_radix = "Jouppi et al. ISCA 2023: Palomar OCS 136 x 136",
        scaleup_switch_power_w = "estimate: TPU v4 paper reports OCSes < 3% of system power",
        scaleup_energy_pj_per_bit = "data/links.lua dwdm-microring-chiplet, computed",
        scaleup_switch_cost_usd = "estimate: range 20,000-150,000 USD", scaleup_transceiver_cost_usd = "estimate: range 30-300 USD",
        scaleup_cable_cost_usd = "estimate: range 5-50 USD",
      },
    },
    -- The glass fabric as a real network (gp-fabric.h). A Lite-GPU's 7 ports of 8 x 32 Gb/s
    -- DWDM cannot build a one-hop crossbar of 4,096 (that takes 4,095 ports or a switch of
    -- 4,096 ports per plane); a 16 x 16 x 16 torus takes 6 and leaves one spare.
    {
      name = "glass-torus-4096", kind = "direct_connect", fabric_shape = "torus",
      accelerators = 4096,
      torus_x = 16, torus_y = 16, torus_z = 16, -- DALLY; TPUV4's 4,096-chip shape
      torus_auto_dims = 3,                 -- the same shape, kept when the machine is resized
      scaleup_links_per_accel = 7,         -- as data/systems.lua lite-gpu-glass (shoreline)
      scaleup_link_rate_gbps = 256,        -- LINKS dwdm-microring-chiplet: 8 x 32 Gb/s
      scaleup_energy_pj_per_bit = 2.92,    -- LINKS glass-ionx-board (computed)
      scaleup_endpoint_latency_ns = 200,   -- EST: as lite-gpu-glass-4096
      scaleup_link_latency_ns = 20,        -- EST: SerDes + a few cm of glass waveguide
      scaleup_hop_latency_ns = 100,        -- EST: forwarding in an accelerator's router (50-300)
      scaleup_transceiver_cost_usd = 0,    -- the ports are the package's optical engines
      scaleup_cable_cost_usd = 5,          -- EST: one waveguide per link
      glass_cost_usd_per_accel = 20,       -- EST: glass panel share per site (5-100)
      glass_kgco2e_per_accel = 1,          -- EST: glass panel share per site (0.2-5)
      sources = {
        torus_x = "Dally and Towles 2004; TPU v4's 16 x 16 x 16 (Jouppi et al. ISCA 2023)",
        scaleup_links_per_accel = "data/systems.lua lite-gpu-glass: shoreline gives 7 ports",
        scaleup_link_rate_gbps = "data/links.lua dwdm-microring-chiplet (8 x 32 Gb/s)",
        scaleup_energy_pj_per_bit = "data/links.lua glass-ionx-board, computed 2.92 pJ/bit",
        scaleup_hop_latency_ns = "estimate: cut-through router in the accelerator, 50-300 ns",
        scaleup_endpoint_latency_ns = "estimate", scaleup_link_latency_ns = "estimate",
        scaleup_cable_cost_usd = "estimate",
        glass_cost_usd_per_accel = "estimate: 5-100 USD of glass panel per accelerator site",
        glass_kgco2e_per_accel = "estimate: 0.2-5 kgCO2e of glass panel per site",
      },
    },
    -- Groups of 4 fully meshed (3 ports), the other 4 ports to the groups +-1 and +-2.
    {
      name = "glass-mesh-32", kind = "direct_connect", fabric_shape = "grouped_mesh",
      accelerators = 32, mesh_group_accels = 4,
      scaleup_links_per_accel = 7, scaleup_link_rate_gbps = 256,   -- as glass-torus-4096
      scaleup_energy_pj_per_bit = 2.92,                            -- as glass-torus-4096
      scaleup_endpoint_latency_ns = 200, scaleup_link_latency_ns = 20,
      scaleup_hop_latency_ns = 100,        -- EST: as glass-torus-4096
      scaleup_transceiver_cost_usd = 0, scaleup_cable_cost_usd = 5,
      glass_cost_usd_per_accel = 20, glass_kgco2e_per_accel = 1,  -- EST: as glass-torus-4096
      sources = {
        mesh_group_accels = "estimate: a full mesh takes g - 1 of the 7 ports",
        scaleup_hop_latency_ns = "estimate: as glass-torus-4096",
        glass_cost_usd_per_accel = "estimate: as glass-torus-4096",
      },
    },
    -- Every port on a Palomar-class OCS plane: 128 accelerators (136-port switches), 8 ports,
    -- circuits chosen for the plan (TOPOOPT), set once per job.
    {
      name = "glass-ocs-128", kind = "circuit_switched", accelerators = 128,
      scaleup_links_per_accel = 8, scaleup_link_rate_gbps = 256,   -- as lite-gpu-ocs-128
      scaleup_energy_pj_per_bit = 2.77,    -- LINKS dwdm-microring-chiplet (computed)
      scaleup_endpoint_latency_ns = 200,   -- EST
      scaleup_link_latency_ns = 30,        -- EST: two fibres to the OCS and back
      scaleup_hop_latency_ns = 100,        -- EST: forwarding where traffic is multi-hop
      scaleup_transceiver_cost_usd = 0, scaleup_cable_cost_usd = 20, -- EST: fibre per port
      scaleup_switch_radix = 136,          -- PALOMAR
      node_accels = 8,                     -- EST: the search's inner block (TP-sized)
      circuit_mode = "per_job",            -- TOPOOPT: circuits set for the job
      ocs_reconfig_ms = 3,                 -- PALOMAR: p99 < 3 ms (median ~1.2 ms)
      ocs_port_cost_usd = 500,             -- EST: 200-1,500 USD per MEMS OCS port
      ocs_port_power_w = 0.8,              -- EST: ~100 W per 136-port OCS (0.3-1.5 W/port)
      ocs_port_kgco2e = 5,                 -- EST: 2-20 kgCO2e per port (chassis share)
      glass_cost_usd_per_accel = 20, glass_kgco2e_per_accel = 1,  -- EST: as glass-torus-4096
      sources = {
        scaleup_switch_radix = "Liu et al. SIGCOMM 2023 / Jouppi et al. ISCA 2023: Palomar OCS 136 x 136",
        ocs_reconfig_ms = "Liu et al. SIGCOMM 2023: Palomar reconfiguration median ~1.2 ms, p99 < 3 ms",
        circuit_mode = "Wang et al. NSDI 2023 (TopoOpt): circuits co-optimised with the parallelisation",
        ocs_port_cost_usd = "estimate: 200-1,500 USD per MEMS OCS port; TPU v4 OCSes < 5% of system cost",
        ocs_port_power_w = "estimate: ~100 W per 136-port OCS; TPU v4 OCSes < 3% of system power",
        ocs_port_kgco2e = "estimate: 2-20 kgCO2e per port",
        node_accels = "estimate", scaleup_link_latency_ns = "estimate",
        scaleup_energy_pj_per_bit = "data/links.lua dwdm-microring-chiplet, computed",
      },
    },
    -- TPU v4-like 16 x 16 x 16 3D torus of 4,096 chips, six links per chip.
    {
      name = "tpu-v4-torus-4096", kind = "torus", accelerators = 4096,
      torus_x = 16, torus_y = 16, torus_z = 16,  -- TPUV4
      scaleup_link_rate_gbps = 400,        -- EST: ~50 GB/s per ICI link per direction
      scaleup_energy_pj_per_bit = 5.5,     -- EST: 100G-class SerDes (LINKS serdes-112g-lr)
      scaleup_endpoint_latency_ns = 500,   -- EST
      scaleup_link_latency_ns = 50,        -- EST
      scaleup_hop_latency_ns = 100,        -- EST: router in each chip
      scaleup_transceiver_cost_usd = 150,  -- EST: mix of copper and OCS-attached optics, range 50-400
      scaleup_cable_cost_usd = 50,         -- EST: range 20-150
      sources = {
        torus_x = "Jouppi et al. ISCA 2023: 4,096-chip TPU v4 3D torus",
        scaleup_link_rate_gbps = "estimate: ~50 GB/s per ICI link per direction",
        scaleup_energy_pj_per_bit = "estimate: 112G LR SerDes class (brief 3.4)",
        scaleup_endpoint_latency_ns = "estimate", scaleup_hop_latency_ns = "estimate",
        scaleup_transceiver_cost_usd = "estimate: range 50-400 USD", scaleup_cable_cost_usd = "estimate: range 20-150 USD",
      },
    },
    -- 64 Cerebras CS-3 systems joined data-parallel by a 100 GbE fat tree.
    {
      name = "cs3-cluster-64", kind = "wafer_scale", accelerators = 64,
      scaleup_links_per_accel = 1,
      scaleup_link_rate_gbps = 214e6,      -- Cerebras (vendor): WSE-3 fabric 214 Pb/s
      scaleup_energy_pj_per_bit = 0.1,     -- EST: short on-wafer wires between cores
      scaleup_endpoint_latency_ns = 0, scaleup_link_latency_ns = 100,  -- EST
      scaleout_ports_per_node = 12,        -- BRIEF4: ~1.2 Tb/s = 12 x 100 GbE
      scaleout_port_rate_gbps = 100,
      scaleout_energy_pj_per_bit = 35,     -- EST: 100G QSFP28 optics ~3.5 W
      scaleout_endpoint_latency_ns = 2000, scaleout_link_latency_ns = 150,  -- EST
      scaleout_hop_latency_ns = 500,       -- EST: Ethernet switch
      scaleout_transceiver_cost_usd = 150, scaleout_cable_cost_usd = 50,    -- EST: ranges 80-300, 20-100
      scaleout_switch_radix = 128,         -- EST: 12.8T switch, 128 x 100G
      scaleout_oversubscription = 1,
      scaleout_switch_power_w = 500, scaleout_switch_cost_usd = 20000,     -- EST: cost range 10,000-40,000
      sources = {
        scaleup_link_rate_gbps = "Cerebras WSE-3 product page: 214 Pb/s fabric (vendor)",
        scaleout_ports_per_node = "brief sec. 4: CS-3 ~1.2 Tb/s I/O (ALCF)",
        scaleup_energy_pj_per_bit = "estimate", scaleout_energy_pj_per_bit = "estimate",
        scaleout_switch_radix = "estimate", scaleout_switch_power_w = "estimate",
        scaleout_switch_cost_usd = "estimate: range 10,000-40,000 USD", scaleout_transceiver_cost_usd = "estimate: 100G QSFP28, range 80-300 USD",
        scaleout_cable_cost_usd = "estimate: range 20-100 USD",
      },
    },
  },
}
