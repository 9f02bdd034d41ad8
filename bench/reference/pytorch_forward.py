#!/usr/bin/env python3
"""Times the official PyTorch ESM-MSA-1b forward pass on this machine, the way
docs/perf-baseline.md (shared) describes it, so AxialScope's bench figures can be compared
like for like on the same CPU.

Needs Debian's python3-torch and libopenblas0-pthread and a checkout of
facebookresearch/esm (not part of this project) on PYTHONPATH:

  PYTHONPATH=/path/to/esm LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-pthread \\
  OMP_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2 /usr/bin/python3 pytorch_forward.py --size 64x256

Run one size per process: the peak RSS printed is the process's. --dtype bf16 casts the whole
model to torch.bfloat16 (every operation in bf16 on oneDNN's kernels), as the bf16 reference
of docs/perf-baseline.md does; the cast is done before timing, like AxialScope's weight
preparation.
"""
import argparse
import resource
import statistics
import time
from types import SimpleNamespace

import torch
from esm.data import Alphabet
from esm.model.msa_transformer import MSATransformer


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", default="64x256", help="rows x columns of the random MSA")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--no-attentions", action="store_true", help="need_head_weights=False")
    parser.add_argument("--dtype", choices=["fp32", "bf16"], default="fp32",
                        help="precision of the whole model (bf16: cast to torch.bfloat16)")
    args = parser.parse_args()

    torch.manual_seed(0)
    alphabet = Alphabet.from_architecture("msa_transformer")
    # The released ESM-MSA-1b hyperparameters; max_tokens is read as a fallback by the constructor.
    hparams = SimpleNamespace(layers=12, embed_dim=768, ffn_embed_dim=3072, attention_heads=12,
                              dropout=0.1, attention_dropout=0.1, activation_dropout=0.1,
                              max_tokens_per_msa=2 ** 14, max_tokens=2 ** 14, max_positions=1024,
                              embed_positions_msa=True, logit_bias=True)
    model = MSATransformer(hparams, alphabet).eval()
    if args.dtype == "bf16":
        model = model.to(torch.bfloat16)

    rows, cols = map(int, args.size.split("x"))
    generator = torch.Generator().manual_seed(1)
    tokens = torch.randint(4, 30, (1, rows, cols + 1), generator=generator)
    tokens[:, :, 0] = alphabet.cls_idx
    keep = not args.no_attentions
    seconds = []
    for _ in range(args.reps):
        start = time.perf_counter()
        with torch.no_grad():
            out = model(tokens, repr_layers=[12], need_head_weights=keep, return_contacts=keep)
        seconds.append(time.perf_counter() - start)
        del out
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.size}: {statistics.median(seconds):.2f} s per forward (median of {args.reps}: "
          f"{', '.join(f'{s:.2f}' for s in seconds)}), peak RSS {peak_mib:.0f} MiB, "
          f"{torch.get_num_threads()} threads, attentions {'kept' if keep else 'not kept'}, {args.dtype}")


if __name__ == "__main__":
    main()
