"""The training recipe: data preparation (fast, no models) and a smoke run of one trainer."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from training import data as tdata

BLOCK = """# newdoc id = GUM_news_test
# sent_id = 1
# text = Mark Rutte, NATO chief, spoke in Brussels.
1	Mark	Mark	PROPN	NNP	_	5	nsubj	_	Entity=(1-person-new-nnnnn-cf1-1-coref-Mark_Rutte
2	Rutte	Rutte	PROPN	NNP	_	1	flat	_	Entity=1)|SpaceAfter=No
3	,	,	PUNCT	,	_	4	punct	_	_
4	chief	chief	NOUN	NN	_	1	appos	_	Entity=(2-organization-new-nnnnn-cf2-1-sgl-NATO)|Discourse=x
5	spoke	speak	VERB	VBD	_	0	root	_	_
6	in	in	ADP	IN	_	7	case	_	_
7	Brussels	Brussels	PROPN	NNP	_	5	obl	_	Entity=(3-place-new-nnnnn-cf3-1-sgl-Brussels)|SpaceAfter=No
8	.	.	PUNCT	.	_	5	punct	_	_"""


def test_named_mentions_to_bio():
    """GUM entity brackets become BIO tags over named mentions only."""
    block = BLOCK.splitlines()
    assert tdata.sentence_bio(block) == [
        ("Mark", "B-PERSON"), ("Rutte", "I-PERSON"), (",", "O"), ("chief", "O"),
        ("spoke", "O"), ("in", "O"), ("Brussels", "B-GPE"), (".", "O")]


ROLE_BLOCK = """# sent_id = 2
# text = Environment Canada spokesperson Julie Hahn said no.
1	Environment	Environment	PROPN	NNP	_	3	compound	_	Entity=(1-person-new-nnnnn-cf1-1-sgl(2-organization-new-nnnnn-cf2-1-sgl-Environment_Canada
2	Canada	Canada	PROPN	NNP	_	1	flat	_	Entity=2)
3	spokesperson	spokesperson	NOUN	NN	_	6	nsubj	_	_
4	Julie	Julie	PROPN	NNP	_	3	flat	_	_
5	Hahn	Hahn	PROPN	NNP	_	4	flat	_	Entity=1)
6	said	say	VERB	VBD	_	0	root	_	_
7	no	no	INTJ	UH	_	6	obj	_	SpaceAfter=No
8	.	.	PUNCT	.	_	6	punct	_	_"""


def test_role_headed_person_mention_keeps_its_name():
    """GUM heads "spokesperson Julie Hahn" by the role noun; the name is still a PERSON."""
    assert tdata.sentence_bio(ROLE_BLOCK.splitlines()) == [
        ("Environment", "B-ORG"), ("Canada", "I-ORG"), ("spokesperson", "O"),
        ("Julie", "B-PERSON"), ("Hahn", "I-PERSON"), ("said", "O"), ("no", "O"), (".", "O")]


def test_clean_block_keeps_space_after_only():
    """Cleaning keeps SpaceAfter in MISC and drops GUM's other layers and comments."""
    cleaned = tdata.clean_block(BLOCK.splitlines())
    assert all("Entity=" not in line and "Discourse" not in line for line in cleaned)
    assert cleaned[-1].endswith("_") and "SpaceAfter=No" in cleaned[4]
    assert tdata.block_text(BLOCK.splitlines()) == "Mark Rutte, chief spoke in Brussels."


def test_corefud_ids():
    """GUM entity ids get CorefUD's e prefix."""
    assert tdata.corefud_entity("(12-person-new(3-place-x)") == "(e12-person-new(e3-place-x)"
    assert tdata.corefud_entity("12)3)") == "e12)e3)"


def test_genre_filter(tmp_path):
    """Documents are split at newdoc and filtered by GUM genre."""
    path = tmp_path / "x.conllu"
    other = BLOCK.replace("GUM_news_test", "GUM_fiction_test")
    path.write_text(BLOCK + "\n\n" + other + "\n\n", encoding="utf-8")
    docs = tdata.read_documents(path)
    assert [d.genre for d in docs] == ["news", "fiction"]
    assert [d.doc_id for d in tdata.select(docs, tdata.OPEN_GUM_GENRES)] == ["GUM_news_test"]


@pytest.mark.slow
def test_recipe_smoke_run(tmp_path, shared):
    """The recipe still starts: data, vectors and a tokenizer trained for a few steps."""
    pytest.importorskip("pyarrow")
    out = subprocess.run([sys.executable, "-m", "training", "--shared", str(shared),
                          "--workdir", str(tmp_path), "--steps", "data,vectors,tokenize",
                          "--smoke"], capture_output=True, text=True, timeout=1200)
    assert out.returncode == 0, out.stderr[-2000:]
    models = list((tmp_path / "saved_models" / "tokenize").glob("*.pt"))
    assert models, (tmp_path / "logs" / "tokenize.log").read_text()[-2000:]
    ner = json.loads((tmp_path / "data" / "ner" / "en_qaner.train.json").read_text())
    assert ner and all("ner" in tok for sent in ner for tok in sent)


def test_parser_history_is_reset_for_the_retagged_run(tmp_path):
    """The retagged run forgets the gold run's dev scores but keeps weights and optimizer."""
    torch = pytest.importorskip("torch")
    from training.recipe import Recipe

    recipe = Recipe(tmp_path, tmp_path / "work", threads=1)
    folder = recipe.models / "depparse"
    folder.mkdir(parents=True)
    checkpoint = folder / "en_qa_nocharlm_parser_checkpoint.pt"
    weights = {"w": torch.ones(2)}
    torch.save({"model": weights, "global_step": 3600, "last_best_step": 3600,
                "dev_score_history": [0.80, 0.84], "optimizer_state_dict": {"state": 1},
                "scheduler_state_dict": {"s": {"_best": 0.84, "_steps_without_improvement": 7}}},
               checkpoint)
    recipe.reset_parser_history()
    data = torch.load(checkpoint, weights_only=False)
    assert data["dev_score_history"] == [] and data["last_best_step"] == 3600
    assert data["scheduler_state_dict"]["s"] == {"_best": float("-inf"),
                                                 "_steps_without_improvement": 0}
    assert data["optimizer_state_dict"] == {"state": 1}
    best = torch.load(folder / "en_qa_nocharlm_parser.pt", weights_only=False)
    assert torch.equal(best["model"]["w"], weights["w"]) and "optimizer_state_dict" not in best


def test_step_time_limit_stops_the_trainer(tmp_path):
    """``limits`` stops a step's process after its seconds and counts the step as done."""
    from training.recipe import Recipe

    recipe = Recipe(tmp_path, tmp_path / "work", threads=1, limits={"sleepy": 1.0})
    recipe.poll_seconds = 0.2
    (recipe.work / "sleeper.py").write_text("import time\ntime.sleep(60)\n")
    start = __import__("time").time()
    recipe.run("sleepy", "sleeper")
    assert __import__("time").time() - start < 30
    assert "(stopped on purpose)" in (recipe.logs / "sleepy.log").read_text()
    # a step without a limit that fails still raises
    (recipe.work / "failer.py").write_text("raise SystemExit(3)\n")
    with pytest.raises(RuntimeError, match="exit code 3"):
        recipe.run("failing", "failer")


def test_limit_option_is_checked(tmp_path):
    """A malformed --limit is a usage error; steps other than data need no shared folder."""
    from training.recipe import main

    with pytest.raises(SystemExit) as err:
        main(["--workdir", str(tmp_path), "--steps", "export", "--limit", "pos=soon"])
    assert err.value.code == 2
    with pytest.raises(SystemExit) as err:
        main(["--shared", str(tmp_path / "none"), "--workdir", str(tmp_path), "--steps", "data"])
    assert err.value.code == 2


def test_stop_by_stops_trainers_but_not_data_preparation(tmp_path):
    """``stop_at`` stops a trainer at a wall-clock time; a data step runs to its end."""
    import time

    from training.recipe import Recipe

    recipe = Recipe(tmp_path, tmp_path / "work", threads=1, stop_at=time.time() + 1.0)
    recipe.poll_seconds = 0.2
    (recipe.work / "sleeper.py").write_text("import time\ntime.sleep(3)\nopen('slept', 'w')\n")
    recipe.run("pos", "sleeper")
    assert not (recipe.work / "slept").exists()
    recipe.run("prepare-pos", "sleeper")
    assert (recipe.work / "slept").exists()


@pytest.mark.parametrize("step, done", [("depparse_more", "more.done"),
                                        ("depparse_adam", "adam.done")])
def test_parser_continuations_need_a_parser_and_its_data(tmp_path, step, done):
    """Continuing the parser explains what is missing instead of starting from nothing."""
    from training.recipe import Recipe

    recipe = Recipe(tmp_path, tmp_path / "work", threads=1)
    run = getattr(recipe, f"step_{step}")
    with pytest.raises(RuntimeError, match="needs a trained parser"):
        run()
    folder = recipe.models / "depparse"
    folder.mkdir(parents=True)
    (folder / "en_qa_nocharlm_parser.pt").write_bytes(b"x")
    with pytest.raises(RuntimeError, match="retagged parser data"):
        run()
    (folder / done).touch()
    run()  # done once: no error, no trainer started
    assert not (recipe.logs / f"{step}.log").exists()


def test_adam_phase_starts_fresh_from_the_best_parser_then_resumes(tmp_path):
    """depparse_adam loads the best weights with Adam from step 1, drops the previous phase's
    checkpoint (its optimizer is not Adam's), and a stopped run resumes its own checkpoint."""
    from training.recipe import Recipe

    recipe = Recipe(tmp_path, tmp_path / "work", threads=1)
    folder = recipe.models / "depparse"
    folder.mkdir(parents=True)
    (folder / "en_qa_nocharlm_parser.pt").write_bytes(b"best")
    (folder / "en_qa_nocharlm_parser_checkpoint.pt").write_bytes(b"old phase")
    data = recipe.data_root / "depparse"
    data.mkdir(parents=True)
    (data / "en_qa.train.in.conllu").write_text("")
    calls = []
    recipe._depparse = lambda step, *extra, **kw: calls.append((step, extra))
    recipe.step_depparse_adam()
    step, extra = calls[-1]
    assert step == "depparse_adam"
    assert extra[:2] == ("--second_optim_start_step", "1")
    assert extra[2] == "--continue_from" and (folder / "adam_from.pt").read_bytes() == b"best"
    assert not (folder / "en_qa_nocharlm_parser_checkpoint.pt").exists()
    (folder / "adam.done").unlink()
    (folder / "en_qa_nocharlm_parser_checkpoint.pt").write_bytes(b"adam phase")
    recipe.step_depparse_adam()
    assert "--continue_from" not in calls[-1][1]
    assert (folder / "en_qa_nocharlm_parser_checkpoint.pt").read_bytes() == b"adam phase"


def test_chains_train_the_parser_on_fully_retagged_data():
    """The chains no longer run the gold-tag parser whose continuation kept gold FEATS, and
    the tagger's second phase runs after the parser's data was retagged by the first."""
    from training.recipe import CHAINS

    for steps in CHAINS.values():
        assert "depparse_gold" not in steps
    assert CHAINS["b"][-3:] == ["depparse", "depparse_more", "depparse_adam"]
    assert CHAINS["all"][-4:] == ["depparse", "depparse_more", "depparse_adam", "pos_more"]
    assert CHAINS["a"][-1] == "pos_more" and CHAINS["a"].index("pos") < CHAINS["a"].index("ner")


def test_tagger_continuation_starts_from_the_best_tagger_then_its_own(tmp_path):
    """pos_more refuses to start without a tagger, continues the first tagger with a fresh
    Adam at lr 1e-3, resumes from its own best model, and export then ships it."""
    from training.recipe import Recipe

    recipe = Recipe(tmp_path, tmp_path / "work", threads=1)
    with pytest.raises(RuntimeError, match="needs a trained tagger"):
        recipe.step_pos_more()
    first = recipe.models / "pos" / "en_qa_nocharlm_tagger.pt"
    first.parent.mkdir(parents=True)
    first.write_bytes(b"first")
    calls = []
    recipe.run = lambda step, module, *args, **kw: calls.append((step, module, args))
    recipe.step_pos_more()
    step, module, args = calls[-1]
    assert (step, module) == ("pos_more", "training.pos_continue")
    assert args[args.index("--init") + 1] == str(first)
    assert args[args.index("--lr") + 1] == "1e-3" and "--no_charlm" not in args
    assert args[args.index("--save_dir") + 1] == str(recipe.models / "pos_more")
    assert recipe.shipped("pos") == first  # nothing continued yet
    own = recipe.models / "pos_more" / "en_qa_nocharlm_tagger.pt"
    own.parent.mkdir(parents=True)
    own.write_bytes(b"continued")
    recipe.step_pos_more()
    assert calls[-1][2][calls[-1][2].index("--init") + 1] == str(own)
    assert (recipe.models / "pos_more" / "pos_more.done").exists()
    assert recipe.shipped("pos") == own and recipe.shipped("depparse") is None
    n = len(calls)
    recipe.step_pos_more()  # done once
    assert len(calls) == n


def test_pos_continue_needs_init_and_refuses_other_data(tmp_path):
    """The wrapper hooks into Stanza's tagger trainer: without --init it stops, with layer
    sizes or data that are not the saved tagger's it stops with a clear message."""
    from training import pos_continue
    from training.recipe import POS_MORE_ARGS

    with pytest.raises(SystemExit, match="--init"):
        pos_continue.main(["--train_file", "x"])
    sent = ("1\tWe\twe\tPRON\tPRP\tCase=Nom|Number=Plur|Person=1|PronType=Prs\t2\tnsubj\t_\t_\n"
            "2\twon\twin\tVERB\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t0\troot\t_\t_\n"
            "3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n")
    data = tmp_path / "tiny.conllu"
    data.write_text(sent * 3, encoding="utf-8")
    import quoteattr

    models = Path(quoteattr.__file__).parent / "models" / "en"
    args = [sys.executable, "-m", "training.pos_continue", "--init",
            str(models / "pos.pt"), "--train_file", str(data), "--eval_file", str(data),
            "--lang", "en", "--shorthand", "en_qa", "--mode", "train", "--save_dir",
            str(tmp_path / "out"), "--wordvec_pretrain_file", str(models / "pretrain.pt")]
    out = subprocess.run(args, capture_output=True, text=True, timeout=600)
    assert out.returncode != 0
    assert "other layer sizes" in out.stdout + out.stderr, (out.stdout + out.stderr)[-2000:]
    out = subprocess.run(args + POS_MORE_ARGS, capture_output=True, text=True, timeout=600)
    assert out.returncode != 0
    assert "vocabulary differs" in out.stdout + out.stderr, (out.stdout + out.stderr)[-2000:]


def test_gpu_lease_script_parses_and_uses_the_recipe():
    """tools/gpu_lease.sh is valid bash and drives the recipe's time-boxed parser step."""
    from pathlib import Path

    script = Path(__file__).parents[1] / "tools" / "gpu_lease.sh"
    out = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    text = script.read_text()
    assert "--steps depparse --stop-by" in text and "lean_copy" in text


def _trainer_args(calls, step):
    """The run_depparse arguments of ``step`` among recorded ``Recipe.run`` calls."""
    found = [args for name, module, args in calls if name == step]
    assert found, [c[0] for c in calls]
    return list(found[-1])


def _value(args, flag):
    return args[len(args) - 1 - args[::-1].index(flag) + 1]  # the last one wins in argparse


@pytest.mark.parametrize("parser", ["default", "small"])
def test_parser_size_reaches_every_parser_step(tmp_path, monkeypatch, parser):
    """``--parser`` sets the trainer arguments of depparse, depparse_more and depparse_adam;
    the default keeps DEPPARSE_ARGS exactly; ``--tagger`` retags with that tagger at once
    (no wait for chain a's pos step, no saved_models/pos needed)."""
    from training import recipe as rec

    assert rec.DEPPARSE_ARGS == [
        "--no_charlm", "--hidden_dim", "256", "--char_hidden_dim", "100",
        "--deep_biaff_hidden_dim", "256", "--deep_biaff_output_dim", "128", "--num_layers", "2",
        "--batch_size", "1000", "--max_steps", "12000", "--eval_interval", "400",
        "--log_step", "50", "--max_steps_before_stop", "3000", "--second_optim_start_step", "8000"]
    assert rec.PARSER_ARGS["default"] is rec.DEPPARSE_ARGS
    tagger = tmp_path / "pos.pt"
    tagger.write_bytes(b"tagger")
    calls = []

    def run(self, step, module, *args, **kw):
        calls.append((step, module, args))
        if step == "depparse":  # the trainer writes the best model
            (self.models / "depparse" / "en_qa_nocharlm_parser.pt").write_bytes(b"best")
        if step == "prepare-depparse-retag":
            (self.data_root / "depparse").mkdir(parents=True, exist_ok=True)
            (self.data_root / "depparse" / "en_qa.train.in.conllu").write_text("")

    monkeypatch.setattr(rec.Recipe, "run", run)
    monkeypatch.setattr(rec.time, "sleep", lambda s: pytest.fail("depparse waited for pos"))
    recipe = rec.Recipe(tmp_path, tmp_path / "work", threads=1, parser=parser, tagger=tagger)
    recipe.step_depparse()
    recipe.step_depparse_more()
    recipe.step_depparse_adam()
    retag = _trainer_args(calls, "prepare-depparse-retag")
    assert _value(retag, "--tagger_model") == str(tagger.resolve())
    assert _value(retag, "--wordvec_pretrain_file") == str(recipe.pretrain)
    assert not (recipe.models / "pos").exists()
    expected = rec.PARSER_ARGS[parser]
    for step in ("depparse", "depparse_more", "depparse_adam"):
        args = _trainer_args(calls, step)
        start = args.index("--force") + 1
        assert args[start:start + len(expected)] == expected, step
        assert _value(args, "--wordvec_pretrain_file") == str(recipe.pretrain)
    small = {"--hidden_dim": "128", "--char_hidden_dim": "64", "--deep_biaff_hidden_dim": "128",
             "--deep_biaff_output_dim": "64", "--num_layers": "2", "--batch_size": "1000",
             "--eval_interval": "400", "--log_step": "50", "--max_steps": "30000",
             "--max_steps_before_stop": "3000", "--second_optim_start_step": "12000"}
    depparse = _trainer_args(calls, "depparse")
    if parser == "small":
        assert {flag: _value(depparse, flag) for flag in small} == small
    else:
        assert _value(depparse, "--hidden_dim") == "256"
    assert _value(_trainer_args(calls, "depparse_adam"), "--second_optim_start_step") == "1"
    assert (recipe.models / "depparse" / "parser.size").read_text().strip() == parser


def test_parser_size_and_tagger_options(tmp_path, monkeypatch):
    """The command line hands --parser and --tagger to the recipe; a missing tagger and an
    unknown size are usage errors; a work dir refuses a parser of another size."""
    from training import recipe as rec

    seen = {}

    def fake_step(self):
        seen.update(parser=self.parser, tagger=self.tagger)

    monkeypatch.setattr(rec.Recipe, "step_depparse", fake_step)
    tagger = tmp_path / "pos.pt"
    tagger.write_bytes(b"tagger")
    work = tmp_path / "work"
    assert rec.main(["--workdir", str(work), "--steps", "depparse"]) == 0
    assert seen == {"parser": "default", "tagger": None}
    assert rec.main(["--workdir", str(work), "--steps", "depparse", "--parser", "small",
                     "--tagger", str(tagger)]) == 0
    assert seen == {"parser": "small", "tagger": tagger.resolve()}
    for bad in (["--tagger", str(tmp_path / "none.pt")], ["--parser", "tiny"]):
        with pytest.raises(SystemExit) as err:
            rec.main(["--workdir", str(work), "--steps", "depparse", *bad])
        assert err.value.code == 2
    small = rec.Recipe(tmp_path, work, threads=1, parser="small")
    small._check_parser_size()
    with pytest.raises(RuntimeError, match="holds a 'small' parser"):
        rec.Recipe(tmp_path, work, threads=1)._check_parser_size()
    # a work dir from before the option holds a default-size parser
    old = rec.Recipe(tmp_path, tmp_path / "old", threads=1, parser="small")
    (old.models / "depparse").mkdir(parents=True)
    (old.models / "depparse" / "en_qa_nocharlm_parser.pt").write_bytes(b"x")
    with pytest.raises(RuntimeError, match="holds a 'default' parser"):
        old._check_parser_size()
