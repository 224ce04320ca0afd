"""Continue a trained Stanza tagger from its weights with a fresh optimizer.

``python -m training.pos_continue --init MODEL.pt [tagger arguments]``

Stanza's tagger trainer (``stanza.models.tagger``) always builds a fresh model; this wrapper
makes it start from ``--init`` instead. The training data must be the data the model was
trained on: the vocabulary built from it has to equal the saved one, and the run stops with
an error if it does not. Everything else (dev scoring, saving the best model) is Stanza's.
"""

from __future__ import annotations

import sys
from typing import Any


def _split_init(argv: list[str]) -> tuple[str, list[str]]:
    if "--init" not in argv or argv.index("--init") + 1 >= len(argv):
        raise SystemExit("pos_continue: --init MODEL.pt is required")
    k = argv.index("--init")
    return argv[k + 1], argv[:k] + argv[k + 2:]


def main(argv: list[str] | None = None) -> None:
    init, rest = _split_init(list(sys.argv[1:] if argv is None else argv))
    from stanza.models import tagger
    from stanza.models.pos.trainer import Trainer

    def start_from_init(args: Any = None, vocab: Any = None, pretrain: Any = None,
                        device: Any = None, foundation_cache: Any = None,
                        model_file: str | None = None) -> Trainer:
        if model_file is not None:  # loading a saved model (dev scoring): Stanza's own path
            return Trainer(args=args, vocab=vocab, pretrain=pretrain, model_file=model_file,
                           device=device, foundation_cache=foundation_cache)
        try:
            trainer = Trainer(args=args, pretrain=pretrain, model_file=init, device=device,
                              foundation_cache=foundation_cache)
        except RuntimeError as err:
            if "size mismatch" not in str(err):
                raise
            raise SystemExit(f"pos_continue: {init} has other layer sizes than these "
                             "arguments ask for; pass the ones it was trained with "
                             "(training.recipe.POS_MORE_ARGS)") from err
        if vocab is not None and trainer.vocab.state_dict() != vocab.state_dict():
            raise SystemExit(f"pos_continue: the data's vocabulary differs from {init}'s; "
                             "continue a tagger only on the data it was trained on")
        print(f"pos_continue: starting from {init}", flush=True)
        return trainer

    tagger.Trainer = start_from_init
    tagger.main(rest)


if __name__ == "__main__":
    main()
