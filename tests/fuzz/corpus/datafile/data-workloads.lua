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
