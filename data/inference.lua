-- glasspane serving parameters (models/gp-inference.h, gp_inference_param_table): one entry
-- per system family (named as gp_family_names: the Lua binding starts a system's study from
-- its family's entry) and the published serving cases tests/test-inference.c checks.
--
-- Sources (short keys):
--   VLLM      W. Kwon et al., "Efficient Memory Management for Large Language Model Serving
--             with PagedAttention", SOSP 2023, sec. 4 and Fig. 2: existing systems waste
--             60-80% of KV-cache memory; vLLM's paging wastes under 4% (only the last block
--             of each sequence is partly filled).
--   H100DS    NVIDIA H100 datasheet (2022): 989 TFLOP/s dense BF16, 1,979 dense FP8/INT8.
--   AZGB200   Microsoft Azure HPC blog, "ND GB200 v6" (2025): 92% of peak HBM bandwidth
--             measured in a streaming benchmark, the upper end of what decode kernels see.
--   DBX2023   Databricks, "LLM Inference Performance Engineering: Best Practices" (Oct 2023):
--             memory-bandwidth utilisation (MBU) of production decode at batch 1 of 55-70%
--             on A100/H100, rising with larger batches and better kernels.
--   CEREBRAS  Cerebras, "Introducing Cerebras Inference" (blog, 27 Aug 2024): Llama 3.1 8B at
--             1,800 tokens/s per user and 70B at 450, native 16-bit weights; the 70B model
--             (140 GB) held in the SRAM of several CS-3s pipelined layer-wise.
--   ORCA      G.-I. Yu et al., "Orca: A Distributed Serving System for Transformer-Based
--             Generative Models", OSDI 2022 (continuous, iteration-level batching).
--   SPEC      Y. Leviathan et al., "Fast Inference from Transformers via Speculative
--             Decoding", ICML 2023: acceptance rates 0.5-0.9 for drafts 10-100x smaller.
--   SPLITW    P. Patel et al., "Splitwise: Efficient Generative LLM Inference Using Phase
--             Splitting", ISCA 2024, sec. III: compute-bound prompt phases draw near the
--             GPU's TDP, memory-bound token phases well below it (power follows the load).
--   IDLE      idle power of a GPU with a model loaded: ~70-100 W reported for H100 SXM by
--             operators' nvidia-smi readings, 80 W idle against 593 W loaded on H200 in a
--             published vLLM power benchmark (weak: vendor-independent measurements are
--             scarce); 10-15% of a 700 W TDP.
--   EST       glasspane estimate; the comment says how it was derived.
--
-- Request shape: 1,024 prompt and 256 output tokens, an estimate of a chat request (MLPerf
-- Inference's Llama 2 70B task uses up to 1,024 input tokens and a few hundred output).
-- Utilisation 0.6: EST, a serving fleet busy 60% of its life (diurnal load; range 0.3-0.9).
return {
  format = 1,
  kind = "inference",
  inference = {
    {
      name = "dgx",
      prompt_tokens = 1024, output_tokens = 256,   -- EST (header)
      batch_seqs = 1, context_tokens = 0,          -- 0: the workload's context
      weight_bits = 16, kv_bits = 16,              -- BF16 serving
      kv_latent_size = 0,                          -- GQA heads (Llama)
      paged_kv_utilisation = 0.96,                 -- VLLM: < 4% waste
      mem_bw_efficiency = 0.80,                    -- EST: between DBX2023 (0.55-0.7) and AZGB200 (0.92)
      layer_latency_us = 4,                        -- EST: ~8 kernels per layer under CUDA graphs at ~0.5 us each
      lowp_speedup = 2,                            -- H100DS: 1,979 / 989
      spec_acceptance = 0, spec_draft_tokens = 4, spec_draft_cost = 0.05,  -- SPEC: off by default
      disaggregated = false, prefill_share = 0.25, -- EST: a quarter of replicas for prefill
      utilisation = 0.6,                           -- EST (header)
      idle_power_share = 0.15,                     -- IDLE: 10-15% of TDP (EST range 0.08-0.2)
      ttft_target_s = 0, tpot_target_s = 0,
      sources = {
        paged_kv_utilisation = "Kwon et al., PagedAttention (SOSP 2023): vLLM wastes under 4% of KV memory",
        mem_bw_efficiency = "estimate: decode reaches 55-70% of HBM bandwidth end to end at batch 1 (Databricks 2023) and up to 92% in streaming kernels (Azure 2025); range 0.6-0.9",
        layer_latency_us = "estimate: about 8 kernels per decoder layer under CUDA graphs at ~0.5 us each; range 1-10 us",
        lowp_speedup = "NVIDIA H100 datasheet: 1,979 TFLOP/s dense FP8 against 989 BF16",
        prefill_share = "estimate: DistServe-style pools; range 0.1-0.5",
        utilisation = "estimate: serving fleets follow a diurnal load; range 0.3-0.9",
        idle_power_share = "estimate, range 0.08-0.2: an H100 SXM idles at ~70-100 W with a model loaded (operators' nvidia-smi readings; 80 W of 593 W on H200 in a published vLLM power benchmark), 10-15% of its 700 W; serving power above the floor follows the load as Splitwise (Patel et al., ISCA 2024) measures",
        prompt_tokens = "estimate: a chat request (MLPerf Llama 2 70B uses up to 1,024 input tokens)",
      },
    },
    {
      name = "lite_gpu",
      prompt_tokens = 1024, output_tokens = 256, batch_seqs = 1, context_tokens = 0,
      weight_bits = 16, kv_bits = 16, kv_latent_size = 0,
      paged_kv_utilisation = 0.96,                 -- VLLM
      mem_bw_efficiency = 0.80,                    -- EST: as dgx (same HBM and kernels)
      layer_latency_us = 4,                        -- EST: as dgx (a small GPU launches the same kernels)
      lowp_speedup = 2,                            -- H100DS: the Lite-GPU is a fraction of an H100
      spec_acceptance = 0, spec_draft_tokens = 4, spec_draft_cost = 0.05,
      disaggregated = false, prefill_share = 0.25, utilisation = 0.6,
      idle_power_share = 0.15,                     -- EST: as dgx (the parent die's floor)
      ttft_target_s = 0, tpot_target_s = 0,
      sources = {
        idle_power_share = "estimate: as the dgx entry (an H100's idle share; the Lite-GPU is a fraction of its die)",
        paged_kv_utilisation = "Kwon et al., PagedAttention (SOSP 2023)",
        mem_bw_efficiency = "estimate: as the dgx entry (HBM and kernels of the parent GPU)",
        layer_latency_us = "estimate: as the dgx entry",
        lowp_speedup = "NVIDIA H100 datasheet (the parent die): FP8 = 2 x BF16",
      },
    },
    {
      name = "wafer_scale",
      prompt_tokens = 1024, output_tokens = 256, batch_seqs = 1, context_tokens = 0,
      weight_bits = 16, kv_bits = 16, kv_latent_size = 0,
      paged_kv_utilisation = 0.96,                 -- EST: as VLLM (the SRAM cache is paged too)
      mem_bw_efficiency = 0.80,                    -- EST: as dgx; SRAM reads are never the bound
      -- CAL: calibrated on CEREBRAS. 1,800 tokens/s on 32 layers (8B, one wafer) is 17.4 us a
      -- layer and 450 on 80 layers (70B, four wafers) 27.8 us; one constant for both is
      -- their geometric mean, 22 us, which leaves the model 21% under the 8B figure and 26%
      -- over the 70B one (tests/test-inference.c). Physically: the time for a token's
      -- activations to cross the cores a layer is spread over, which grows with the width.
      layer_latency_us = 22,
      lowp_speedup = 1,                            -- CEREBRAS: 16-bit weights; no 8-bit peak published
      spec_acceptance = 0, spec_draft_tokens = 4, spec_draft_cost = 0.05,
      disaggregated = false, prefill_share = 0.25, utilisation = 0.6,
      idle_power_share = 0.15,                     -- EST: as dgx; no CS-3 idle figure is published
      ttft_target_s = 0, tpot_target_s = 0,
      sources = {
        idle_power_share = "estimate: as the GPUs' share (no published CS-3 idle power)",
        layer_latency_us = "calibrated: geometric mean of the per-layer times implied by Cerebras Inference (Aug 2024): 8B 1,800 tok/s over 32 layers, 70B 450 tok/s over 80 layers",
        paged_kv_utilisation = "estimate: as vLLM's paging (Kwon et al. SOSP 2023)",
        lowp_speedup = "Cerebras Inference (Aug 2024) serves 16-bit weights; no 8-bit peak is published",
      },
    },
  },
}
