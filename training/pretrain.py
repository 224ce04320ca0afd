"""Build a Stanza pretrain file (``.pt``) from a word2vec text file.

Usage: ``python -m training.pretrain VECTORS.txt OUT.pt``. Stanza builds the same file
lazily on first use; building it up front keeps the trainers from ever looking for a download.
"""

import sys


def main(argv: list[str]) -> int:
    from stanza.models.common.pretrain import Pretrain

    vec_file, out = argv
    pretrain = Pretrain(out, vec_file, max_vocab=-1)
    pretrain.load()
    print(f"wrote {out}: {len(pretrain.vocab)} words x {pretrain.emb.shape[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
