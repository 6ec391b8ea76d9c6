-- glasspane training workloads: dense decoder-only transformers (models/gp-workload.h).
--
-- Sources (short keys used in each entry's `sources` table):
--   GPT3     T. Brown et al., "Language Models are Few-Shot Learners", NeurIPS 2020,
--            Table 2.1: GPT-3 175B has 96 layers, d_model 12,288, 96 heads, context 2,048,
--            batch 3.2M tokens. Vocabulary 50,257: the GPT-2 BPE (Radford et al. 2019).
--   SC21     D. Narayanan et al., "Efficient Large-Scale Language Model Training on GPU
--            Clusters Using Megatron-LM", SC21, Table 1: the 1T row (1,008B parameters,
--            128 layers, hidden 25,600, 160 heads, batch 3,072); sequence 2,048 and
--            vocabulary 51,200 as stated in sec. 5.1. Eq. 2 gives the parameter count.
--   LLAMA3   Meta, "The Llama 3 Herd of Models", arXiv 2407.21783 (2024), Table 3:
--            8B/70B/405B have 32/80/126 layers, model dimension 4,096/8,192/16,384, FFN
--            dimension 14,336/28,672/53,248, 32/64/128 attention heads, 8 key/value heads,
--            vocabulary 128,000 (the released tokenizer has 128,256 entries, used here),
--            SwiGLU, RoPE, no biases, RMSNorm, untied output head; sec. 3.4.1: 405B trained
--            at sequence 8,192 with a final batch of 16M tokens. Published sizes: 8.03B,
--            70.6B, 405B parameters (model cards).
--   MIXTRAL  A. Q. Jiang et al., "Mixtral of Experts", arXiv 2401.04088 (2024), Table 1:
--            dim 4,096, 32 layers, head_dim 128, hidden_dim 14,336, 32 heads, 8 KV heads,
--            context 32,768, vocabulary 32,000, 8 experts, top-2; sec. 2.1: 47B parameters,
--            13B active (Mistral AI's release: 46.7B total, 12.9B active). SwiGLU experts,
--            RMSNorm, RoPE, untied head (the Mistral 7B architecture).
--   DSV3     DeepSeek-AI, "DeepSeek-V3 Technical Report", arXiv 2412.19437 (2024), sec. 4.2:
--            61 layers, hidden 7,168, 128 heads of d_h 128, MLA with KV compression d_c 512,
--            query compression d_c' 1,536, decoupled RoPE d_h^R 64; every FFN but the first
--            three is MoE: 1 shared + 256 routed experts of intermediate width 2,048, 8
--            active, each token sent to at most 4 nodes; vocabulary 128K (the released
--            config.json: 129,280; dense FFN width 18,432); sequence 4K; batch ramped from
--            3,072 to 15,360 sequences; 671B total, 37B activated parameters (the
--            multi-token-prediction module's 14B are not counted there, nor here); sec.
--            2.1.2: no token dropping in training; sec. 3.3: FP8 mixed precision.
--   LLAMA4   Meta, Llama 4 model card and released config.json (April 2025): Llama 4 Scout
--            17B active / 109B total, 16 experts; hidden 5,120, 48 layers, 40 heads, 8 KV
--            heads of 128, expert width 8,192 (intermediate_size), every layer MoE with one
--            shared expert of the same width, top-1, vocabulary 202,048, untied head.
--   SWITCH   W. Fedus, B. Zoph, N. Shazeer, "Switch Transformers", JMLR 23 (2022), sec. 2.2
--            and Table 1: capacity factors 1.0-1.25 drop few tokens (1.25 used as the busiest
--            expert's load over the mean in dropless training, an estimate).
--   EST      glasspane estimate; the comment beside the value says how it was derived.
--
-- Precision: BF16 weights, gradients and activations (2 bytes) with FP32 master weights and
-- Adam moments (12 bytes), the 16 bytes/parameter of mixed-precision Adam (Rajbhandari et
-- al., ZeRO, SC20, sec. 3.1).
return {
  format = 1,
  kind = "workloads",
  workloads = {
    {
      name = "gpt3-175b",
      layers = 96, hidden_size = 12288, heads = 96,        -- GPT3 Table 2.1
      kv_heads = 0, ffn_size = 0,                          -- GPT3: multi-head attention, FFN 4h
      gated_ffn = false, linear_biases = true,             -- GPT3: GPT-2 architecture
      learned_positions = true, tied_embeddings = true,    -- GPT3: GPT-2 architecture
      seq_len_tokens = 2048,                               -- GPT3 Table 2.1 (n_ctx)
      vocab_size = 50257,                                  -- GPT-2 BPE vocabulary
      batch_seqs = 1536,                                   -- GPT3: 3.2M tokens / 2,048 = 1,536
      bytes_per_param = 2, bytes_per_grad = 2, bytes_per_act = 2,
      optimizer_bytes_per_param = 12,                      -- ZeRO sec. 3.1 (16 - 2 - 2)
      sources = {
        layers = "Brown et al. 2020, Table 2.1", hidden_size = "Brown et al. 2020, Table 2.1",
        heads = "Brown et al. 2020, Table 2.1", seq_len_tokens = "Brown et al. 2020, Table 2.1",
        vocab_size = "GPT-2 BPE vocabulary (Radford et al. 2019), reused by GPT-3",
        batch_seqs = "Brown et al. 2020, Table 2.1: 3.2M tokens = 1,536 x 2,048",
        optimizer_bytes_per_param = "Rajbhandari et al., ZeRO (SC20) sec. 3.1: 16 bytes/param",
      },
    },
    {
      name = "llama3-8b",
      layers = 32, hidden_size = 4096, heads = 32, kv_heads = 8,   -- LLAMA3 Table 3
      ffn_size = 14336, gated_ffn = true,                          -- LLAMA3 Table 3, SwiGLU
      linear_biases = false, learned_positions = false,            -- LLAMA3: RMSNorm, RoPE
      tied_embeddings = false,                                     -- LLAMA3: untied head
      seq_len_tokens = 8192,                                       -- LLAMA3 sec. 3.4.1
      vocab_size = 128256,                                         -- LLAMA3 tokenizer
      batch_seqs = 2048,   -- EST: the 405B run's final 16M tokens / 8,192; 8B batch unpublished
      bytes_per_param = 2, bytes_per_grad = 2, bytes_per_act = 2,
      optimizer_bytes_per_param = 12,
      sources = {
        layers = "Meta 2024, Llama 3 Herd, Table 3", hidden_size = "Meta 2024, Table 3",
        heads = "Meta 2024, Table 3", kv_heads = "Meta 2024, Table 3",
        ffn_size = "Meta 2024, Table 3", seq_len_tokens = "Meta 2024, sec. 3.4.1",
        vocab_size = "Meta 2024, Table 3 (128K; released tokenizer 128,256)",
        batch_seqs = "estimate: 16M tokens as in the 405B run (sec. 3.4.1); not published for 8B",
      },
    },
    {
      name = "llama3-70b",
      layers = 80, hidden_size = 8192, heads = 64, kv_heads = 8,   -- LLAMA3 Table 3
      ffn_size = 28672, gated_ffn = true,                          -- LLAMA3 Table 3
      linear_biases = false, learned_positions = false, tied_embeddings = false,
      seq_len_tokens = 8192, vocab_size = 128256,                  -- LLAMA3
      batch_seqs = 2048,   -- EST: the 405B run's final 16M tokens / 8,192; 70B batch unpublished
      bytes_per_param = 2, bytes_per_grad = 2, bytes_per_act = 2,
      optimizer_bytes_per_param = 12,
      sources = {
        layers = "Meta 2024, Llama 3 Herd, Table 3", hidden_size = "Meta 2024, Table 3",
        heads = "Meta 2024, Table 3", kv_heads = "Meta 2024, Table 3",
        ffn_size = "Meta 2024, Table 3", seq_len_tokens = "Meta 2024, sec. 3.4.1",
        vocab_size = "Meta 2024, Table 3 (128K; released tokenizer 128,256)",
        batch_seqs = "estimate: 16M tokens as in the 405B run (sec. 3.4.1); not published for 70B",
      },
    },
    {
      name = "llama3-405b",
      layers = 126, hidden_size = 16384, heads = 128, kv_heads = 8, -- LLAMA3 Table 3
      ffn_size = 53248, gated_ffn = true,                           -- LLAMA3 Table 3
      linear_biases = false, learned_positions = false, tied_embeddings = false,
      seq_len_tokens = 8192, vocab_size = 128256,                   -- LLAMA3
      batch_seqs = 2048,                                            -- LLAMA3 3.4.1: 16M tokens
      bytes_per_param = 2, bytes_per_grad = 2, bytes_per_act = 2,
      optimizer_bytes_per_param = 12,
      sources = {
        layers = "Meta 2024, Llama 3 Herd, Table 3", hidden_size = "Meta 2024, Table 3",
        heads = "Meta 2024, Table 3", kv_heads = "Meta 2024, Table 3",
        ffn_size = "Meta 2024, Table 3", seq_len_tokens = "Meta 2024, sec. 3.4.1",
        vocab_size = "Meta 2024, Table 3 (128K; released tokenizer 128,256)",
        batch_seqs = "Meta 2024, sec. 3.4.1: final batch 16M tokens = 2,048 x 8,192",
      },
    },
    {
      name = "megatron-1t",
      layers = 128, hidden_size = 25600, heads = 160,      -- SC21 Table 1, 1T row
      kv_heads = 0, ffn_size = 0, gated_ffn = false,       -- SC21: GPT architecture
      linear_biases = true, learned_positions = true, tied_embeddings = true,
      seq_len_tokens = 2048, vocab_size = 51200,           -- SC21 sec. 5.1
      batch_seqs = 3072,                                   -- SC21 Table 1, 1T row
      bytes_per_param = 2, bytes_per_grad = 2, bytes_per_act = 2,
      optimizer_bytes_per_param = 12,
      sources = {
        layers = "Narayanan et al. SC21, Table 1 (1T row)",
        hidden_size = "Narayanan et al. SC21, Table 1 (1T row)",
        heads = "Narayanan et al. SC21, Table 1 (1T row)",
        seq_len_tokens = "Narayanan et al. SC21, sec. 5.1",
        vocab_size = "Narayanan et al. SC21, sec. 5.1",
        batch_seqs = "Narayanan et al. SC21, Table 1 (1T row)",
      },
    },
    {
      name = "mixtral-8x7b",
      layers = 32, hidden_size = 4096, heads = 32, kv_heads = 8,   -- MIXTRAL Table 1
      ffn_size = 14336, gated_ffn = true,                          -- MIXTRAL Table 1, SwiGLU
      linear_biases = false, learned_positions = false,            -- Mistral 7B architecture
      tied_embeddings = false,
      seq_len_tokens = 4096,   -- EST: training sequence not published (context 32,768)
      vocab_size = 32000,                                          -- MIXTRAL Table 1
      batch_seqs = 1024,       -- EST: 4M tokens per step, as Llama-class runs; not published
      bytes_per_param = 2, bytes_per_grad = 2, bytes_per_act = 2,
      optimizer_bytes_per_param = 12,
      experts = 8, experts_active = 2, experts_shared = 0,         -- MIXTRAL Table 1
      expert_ffn_size = 0, dense_layers = 0,                       -- experts of width 14,336
      capacity_factor = 0,     -- dropless (MegaBlocks-style training, as released)
      expert_imbalance = 1.25, -- SWITCH (estimate)
      sources = {
        layers = "Jiang et al. 2024, Mixtral of Experts, Table 1",
        hidden_size = "Jiang et al. 2024, Table 1", heads = "Jiang et al. 2024, Table 1",
        kv_heads = "Jiang et al. 2024, Table 1", ffn_size = "Jiang et al. 2024, Table 1 (hidden_dim)",
        vocab_size = "Jiang et al. 2024, Table 1",
        experts = "Jiang et al. 2024, Table 1: num_experts 8",
        experts_active = "Jiang et al. 2024, Table 1: top_k_experts 2",
        seq_len_tokens = "estimate: training sequence length not published",
        batch_seqs = "estimate: 4M tokens per step; not published",
        expert_imbalance = "estimate: Switch Transformers (Fedus et al. 2022) capacity factor 1.25 taken as the busiest expert's load",
      },
    },
    {
      name = "deepseek-v3",
      layers = 61, hidden_size = 7168, heads = 128, kv_heads = 0,  -- DSV3 sec. 4.2
      ffn_size = 18432, gated_ffn = true,                          -- DSV3 config.json (dense)
      linear_biases = false, learned_positions = false, tied_embeddings = false,
      seq_len_tokens = 4096,                                       -- DSV3 sec. 4.2
      vocab_size = 129280,                                         -- DSV3 config.json
      batch_seqs = 15360,                                          -- DSV3 sec. 4.2 (final)
      bytes_per_param = 2, bytes_per_grad = 2, bytes_per_act = 2,  -- BF16 (the run used FP8
                                                                   -- GEMMs, DSV3 sec. 3.3)
      optimizer_bytes_per_param = 12,
      experts = 256, experts_active = 8, experts_shared = 1,       -- DSV3 sec. 4.2
      expert_ffn_size = 2048, dense_layers = 3,                    -- DSV3 sec. 4.2
      capacity_factor = 0,                                         -- DSV3 sec. 2.1.2: no drops
      expert_imbalance = 1.25,                                     -- SWITCH (estimate)
      expert_node_limit = 4,                                       -- DSV3 sec. 4.2: <= 4 nodes
      mla_kv_rank = 512, mla_q_rank = 1536, mla_rope_dim = 64, mla_head_dim = 128, -- DSV3 4.2
      sources = {
        layers = "DeepSeek-AI 2024, DeepSeek-V3 Technical Report, sec. 4.2",
        hidden_size = "DeepSeek-V3 report sec. 4.2", heads = "DeepSeek-V3 report sec. 4.2",
        ffn_size = "DeepSeek-V3 released config.json: intermediate_size 18,432 (the three dense layers)",
        seq_len_tokens = "DeepSeek-V3 report sec. 4.2: maximum sequence length 4K",
        vocab_size = "DeepSeek-V3 released config.json: 129,280 (report: 128K)",
        batch_seqs = "DeepSeek-V3 report sec. 4.2: batch 3,072 rising to 15,360 over the first 469B tokens, then 15,360",
        experts = "DeepSeek-V3 report sec. 4.2: 256 routed experts", experts_active = "DeepSeek-V3 report sec. 4.2: 8 activated",
        experts_shared = "DeepSeek-V3 report sec. 4.2: 1 shared expert", expert_ffn_size = "DeepSeek-V3 report sec. 4.2: 2,048",
        dense_layers = "DeepSeek-V3 report sec. 4.2: all FFNs except the first three layers are MoE",
        capacity_factor = "DeepSeek-V3 report sec. 2.1.2: no token dropping in training",
        expert_imbalance = "estimate: Switch Transformers (Fedus et al. 2022) capacity factor 1.25 taken as the busiest rank's load",
        expert_node_limit = "DeepSeek-V3 report sec. 4.2: each token sent to at most 4 nodes",
        mla_kv_rank = "DeepSeek-V3 report sec. 4.2: d_c = 512", mla_q_rank = "DeepSeek-V3 report sec. 4.2: d_c' = 1,536",
        mla_rope_dim = "DeepSeek-V3 report sec. 4.2: d_h^R = 64", mla_head_dim = "DeepSeek-V3 report sec. 4.2: d_h = 128",
      },
    },
    {
      name = "llama4-scout",
      layers = 48, hidden_size = 5120, heads = 40, kv_heads = 8,   -- LLAMA4 config.json
      ffn_size = 16384, gated_ffn = true,                          -- LLAMA4 (dense width, unused)
      linear_biases = false, learned_positions = false, tied_embeddings = false,
      seq_len_tokens = 8192,   -- EST: pre-training sequence not published
      vocab_size = 202048,                                         -- LLAMA4 config.json
      batch_seqs = 2048,       -- EST: 16M tokens as Llama 3 405B (LLAMA3 sec. 3.4.1)
      bytes_per_param = 2, bytes_per_grad = 2, bytes_per_act = 2,
      optimizer_bytes_per_param = 12,
      experts = 16, experts_active = 1, experts_shared = 1,        -- LLAMA4
      expert_ffn_size = 8192, dense_layers = 0,                    -- LLAMA4 config.json
      capacity_factor = 0, expert_imbalance = 1.25,                -- SWITCH (estimate)
      sources = {
        layers = "Meta 2025, Llama 4 Scout config.json: num_hidden_layers 48",
        hidden_size = "Llama 4 Scout config.json: 5,120", heads = "Llama 4 Scout config.json: 40",
        kv_heads = "Llama 4 Scout config.json: 8", vocab_size = "Llama 4 Scout config.json: 202,048",
        ffn_size = "Llama 4 Scout config.json: intermediate_size_mlp 16,384 (no dense layer in Scout)",
        experts = "Llama 4 model card: 16 experts", experts_active = "Llama 4 Scout config.json: num_experts_per_tok 1",
        experts_shared = "Llama 4 Scout config.json: one shared expert per MoE layer",
        expert_ffn_size = "Llama 4 Scout config.json: intermediate_size 8,192",
        seq_len_tokens = "estimate: not published", batch_seqs = "estimate: 16M tokens as Llama 3 405B",
        expert_imbalance = "estimate: Switch Transformers (Fedus et al. 2022) capacity factor 1.25",
      },
    },
    {
      name = "tiny-test",
      -- EST: a toy GPT small enough to work by hand (tests/test-workload.c): P = 108,416.
      layers = 2, hidden_size = 64, heads = 4, kv_heads = 0, ffn_size = 0,
      gated_ffn = false, linear_biases = true, learned_positions = true,
      tied_embeddings = true, seq_len_tokens = 32, vocab_size = 100, batch_seqs = 8,
      bytes_per_param = 2, bytes_per_grad = 2, bytes_per_act = 2,
      optimizer_bytes_per_param = 12,
      sources = {
        layers = "estimate: toy model for hand-worked tests",
      },
    },
  },
}
