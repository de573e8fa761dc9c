"""The `infoshare` console script: flows check / draw in a subprocess; chat in-process over
StringIO (`bot.cli.main` with the environment, stdin and stdout it would have), with one
subprocess smoke test of the installed script."""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest

from dialogs.engine import Move, path, start, step
from dialogs.loading import FlowLibrary
from dialogs.model import Advice, OutcomeKind, Question
from dialogs.replies import HINT, parse_reply

FIXTURES = Path(__file__).parent / "dialogs" / "fixtures"
FLOW_IDS = ("hm-gov-2024", "hm-gov-2018", "dfes-2006")

# fixture -> the node id the check must print
BROKEN = {
    "dangling-target": "consent",
    "unreachable-node": "orphan",
    "missing-not-sure": "consent",
    "cycle": "gate",
    "long-text": "gate",
    "long-label": "consent",
    "long-title": "refuse",
    "not-sure-to-outcome": "gate",
    "advice-records-share": "advice-consent",
    "unknown-kind": "refuse",
    "duplicate-id": "consent",
    "yes-twice": "gate",
    "no-safeguarding-reminder": "refuse",
    "weak-safeguarding-reminder": "refuse",
}

# Record answers that contain no identifiers, so an anonymiser leaves them as they are. The
# choices offered depend on the path, so they are typed by value, not by number.
SHARE_RECORD = [
    "concern about neglect agreed with the safeguarding lead",
    "attendance and health concerns",
    "school nurse",
    "so the school nurse can support the child's health at school",  # purpose
    "public_task",
    "none_included",  # special category data
    "given",  # consent
    "no_risk",  # informed: no, telling them would increase the risk
]
SHARE_WITHOUT_CONSENT_RECORD = [*SHARE_RECORD[:6], "not_sought_risk", "no_risk"]
DO_NOT_SHARE_RECORD = ["no clear purpose for the request", "", ""]
ADVICE_RECORD = [
    "designated safeguarding lead",
    "treat it as confidential and ask the parent first",  # what they advised
    "ask the parent at pick-up tomorrow",  # what happens next
    "unsure whether the information is confidential",  # reasons (optional)
]
CONFIRM = ["yes", "yes"]  # for a confirmation prompt before recording, if there is one


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    environ = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("INFOSHARE_", "SLACK_", "DATABASE_"))
    }
    environ.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'infoshare.db'}",
        INFOSHARE_SECRET_KEY="test-secret-key-for-the-cli-tests",
        # The chat tests below walk the 2018 flow's shape; the default is tested on its own.
        INFOSHARE_FLOW="hm-gov-2018",
        PYTHONIOENCODING="utf-8",
    )
    return environ


def infoshare(
    env: dict[str, str], *args: str, lines: list[str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    stdin = "".join(f"{line}\n" for line in lines) if lines is not None else ""
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=cwd,
        timeout=60,
    )


def chat(
    env: dict[str, str], *args: str, lines: list[str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """`infoshare chat ...` run in this process, as the script would run it, with `lines`
    piped in; the result shaped like a subprocess's."""
    from bot.cli import main

    stdin = io.StringIO("".join(f"{line}\n" for line in lines or []))
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.ExitStack() as stack:
        stack.enter_context(mock.patch.dict(os.environ, env, clear=True))
        stack.enter_context(mock.patch.object(sys, "stdin", stdin))
        stack.enter_context(contextlib.redirect_stdout(stdout))
        stack.enter_context(contextlib.redirect_stderr(stderr))
        if cwd is not None:
            stack.enter_context(contextlib.chdir(cwd))
        try:
            code = main(["chat", *args])
        except SystemExit as stopped:
            code = stopped.code if isinstance(stopped.code, int) else 1
    command = ["infoshare", "chat", *args]
    return subprocess.CompletedProcess(command, code, stdout.getvalue(), stderr.getvalue())


def assert_clean(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert "Traceback" not in result.stdout


# infoshare flows check


def test_check_passes_for_the_shipped_flows(env: dict[str, str]) -> None:
    result = infoshare(env, "flows", "check")
    assert result.returncode == 0, result.stdout + result.stderr
    for flow_id in FLOW_IDS:
        assert re.search(rf"^ok .*{flow_id} v\d+", result.stdout, re.M), result.stdout


def test_check_by_id(env: dict[str, str]) -> None:
    result = infoshare(env, "flows", "check", *FLOW_IDS)
    assert result.returncode == 0
    assert result.stdout.count("ok ") == len(FLOW_IDS)


@pytest.mark.parametrize(("name", "node"), sorted(BROKEN.items()))
def test_check_fails_naming_the_node(env: dict[str, str], name: str, node: str) -> None:
    result = infoshare(env, "flows", "check", str(FIXTURES / f"{name}.yaml"))
    assert result.returncode != 0
    assert f"node '{node}'" in result.stdout + result.stderr
    assert_clean(result)


def test_check_fails_for_invalid_yaml(env: dict[str, str]) -> None:
    result = infoshare(env, "flows", "check", str(FIXTURES / "invalid-yaml.yaml"))
    assert result.returncode != 0
    assert "not valid YAML at line" in result.stdout
    assert_clean(result)


def test_check_accepts_bare_yes_no_keys(env: dict[str, str]) -> None:
    result = infoshare(env, "flows", "check", str(FIXTURES / "bare-yes-no.yaml"))
    assert result.returncode == 0, result.stdout


def test_check_fails_if_any_flow_fails(env: dict[str, str]) -> None:
    result = infoshare(env, "flows", "check", "hm-gov-2018", str(FIXTURES / "cycle.yaml"))
    assert result.returncode != 0
    assert result.stdout.startswith("ok ")
    assert "FAIL" in result.stdout


def test_check_unknown_flow_id(env: dict[str, str]) -> None:
    result = infoshare(env, "flows", "check", "no-such-flow")
    assert result.returncode != 0
    assert "no flow with this id" in result.stderr
    assert "hm-gov-2018" in result.stderr
    assert_clean(result)


# infoshare flows draw


def test_draw_prints_a_mermaid_flowchart_with_every_edge_labelled(env: dict[str, str]) -> None:
    flow = FlowLibrary.shipped().latest("hm-gov-2018")
    questions = sum(isinstance(node, Question) for node in flow.nodes.values())
    advice = sum(isinstance(node, Advice) for node in flow.nodes.values())
    result = infoshare(env, "flows", "draw", "hm-gov-2018")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "---"
    assert "flowchart TD" in lines
    solid = [line for line in lines if "-->" in line]
    dotted = [line for line in lines if ".->" in line]
    assert len(solid) == 3 * questions + advice == 20
    assert len(dotted) == advice == 5
    labelled = re.compile(r'^    n_\w+ (-- "[^"]+" -->|-\. "[^"]+" \.->) n_\w+$')
    assert all(labelled.match(line) for line in solid + dotted), solid + dotted
    for label in ("Yes", "No", "Not sure", "Record advice sought", "Back to the question"):
        assert f'"{label}"' in result.stdout


def test_draw_unknown_flow_is_a_friendly_failure(env: dict[str, str]) -> None:
    result = infoshare(env, "flows", "draw", "no-such-flow")
    assert result.returncode != 0
    assert "no flow with this id" in result.stderr
    assert result.stdout == ""
    assert_clean(result)


def test_draw_refuses_a_broken_flow(env: dict[str, str]) -> None:
    result = infoshare(env, "flows", "draw", str(FIXTURES / "cycle.yaml"))
    assert result.returncode != 0
    assert "node 'gate'" in result.stderr
    assert_clean(result)


# infoshare chat
#
# In-process (a subprocess imports the whole bot, about two seconds a run); the README's piped
# example below is the one subprocess run of the installed script.

EXPECTED_FIELDS = {
    "share": [
        ("Reasons", SHARE_RECORD[0]),
        ("Information (what, or what kind)", SHARE_RECORD[1]),
        ("Shared with (agency or role)", SHARE_RECORD[2]),
        ("Purpose of sharing", SHARE_RECORD[3]),
        ("Lawful basis", "Public task (UK GDPR 6(1)(e))"),
        ("Special category data (Article 9 condition)", "None included"),
        ("Consent", "Sought and given"),
        ("Person informed", "No: telling them would create or increase the risk of harm"),
    ],
    "share_without_consent": [
        ("Lawful basis", "Public task (UK GDPR 6(1)(e))"),
        ("Consent", "Not sought: asking would increase the risk of harm"),
    ],
    "do_not_share": [("Reasons", DO_NOT_SHARE_RECORD[0])],
    "advice_sought": [
        ("Advice sought from (role)", ADVICE_RECORD[0]),
        ("What they advised", ADVICE_RECORD[1]),
        ("What happens next", ADVICE_RECORD[2]),
        ("Reasons", ADVICE_RECORD[3]),
    ],
}
# Free text is shown quoted under its label, so it cannot pass for one of the summary's fields.
FREE_TEXT_LABELS = {
    "Reasons", "Information (what, or what kind)", "Shared with (agency or role)",
    "Purpose of sharing", "Advice sought from (role)", "What they advised", "What happens next",
}


def shown(label: str, value: str) -> str:
    return f"{label}:\n> {value}" if label in FREE_TEXT_LABELS else f"{label}: {value}"


RECORDS = {
    "share": SHARE_RECORD,
    "share_without_consent": SHARE_WITHOUT_CONSENT_RECORD,
    "do_not_share": DO_NOT_SHARE_RECORD,
    "advice_sought": ADVICE_RECORD,
}

# (flow, typed answers, outcome kind); the synonyms are spread over the runs.
OUTCOME_RUNS = [
    ("hm-gov-2018", ["y", "y", "n"], OutcomeKind.SHARE),
    ("hm-gov-2018", ["yes", "Y", "YES", "n", "Yes."], OutcomeKind.SHARE_WITHOUT_CONSENT),
    ("hm-gov-2018", ["N"], OutcomeKind.DO_NOT_SHARE),
    ("hm-gov-2018", ["y", "idk", "advice sought"], OutcomeKind.ADVICE_SOUGHT),
    ("dfes-2006", ["yes", "yes", "yes", "yes"], OutcomeKind.SHARE),
    ("dfes-2006", ["yes", "yes", "yes", "no", "yes"], OutcomeKind.SHARE_WITHOUT_CONSENT),
    ("dfes-2006", ["yes", "yes", "yes", "no", "no"], OutcomeKind.DO_NOT_SHARE),
    ("dfes-2006", ["yes", "yes", "don't know", "advice sought"], OutcomeKind.ADVICE_SOUGHT),
]


def summary_of(result: subprocess.CompletedProcess[str]) -> str:
    """The decision summary printed at the end of a chat."""
    assert "Information-sharing decision" in result.stdout, result.stdout[-2000:]
    return result.stdout[result.stdout.rindex("Information-sharing decision") :]


def expected_path(flow_id: str, typed: list[str]) -> list[str]:
    """The summary's path lines, worked out by the engine from the same typed answers."""
    flow = FlowLibrary.shipped().latest(flow_id)
    state = start(flow)
    for word in typed:
        move = parse_reply(word)
        assert isinstance(move, Move), word
        state = step(flow, state, state.node, move)
    return [f"• {item.question} {item.answer}".replace("•  ", "• ") for item in path(flow, state)]


@pytest.mark.parametrize(("flow_id", "typed", "kind"), OUTCOME_RUNS)
def test_chat_reaches_each_outcome_and_summarises_it(
    env: dict[str, str], flow_id: str, typed: list[str], kind: OutcomeKind
) -> None:
    group = kind.value
    result = chat(env, "--flow", flow_id, lines=typed + RECORDS[group] + CONFIRM)
    assert_clean(result)
    assert result.returncode == 0, result.stdout + result.stderr
    assert HINT not in result.stdout  # every synonym understood
    summary = summary_of(result)
    assert f"Outcome: {kind.label}" in summary
    assert f"({flow_id} v{FlowLibrary.shipped().latest(flow_id).version})" in summary
    lines = summary.splitlines()
    path_lines = [line for line in lines if line.startswith("• ")]
    assert path_lines == expected_path(flow_id, typed)
    for label, value in EXPECTED_FIELDS[group]:
        assert shown(label, value) in summary


def test_chat_piped_example_from_the_readme_uses_the_2024_advice(env: dict[str, str]) -> None:
    """`printf 'no\\nyes\\nno\\n' | infoshare chat`, with the installed script and no
    INFOSHARE_FLOW: the default flow is the current (2024) advice."""
    script = Path(sys.executable).with_name("infoshare")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "bot.cli"]
    result = subprocess.run(
        [*command, "chat"],
        input="no\nyes\nno\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={key: value for key, value in env.items() if key != "INFOSHARE_FLOW"},
        timeout=60,
    )
    assert_clean(result)
    assert result.returncode == 0, result.stdout + result.stderr
    summary = summary_of(result)
    assert "Outcome: Share" in summary
    assert "(hm-gov-2024 v1)" in summary
    assert "• Child at risk of harm? No" in summary
    assert "Applies to England" in result.stdout
    assert "NOT recorded" in result.stdout  # input ended before the record was filled in


def test_chat_help_emergency_advice_and_back(env: dict[str, str]) -> None:
    typed = ["help", "emergency", "yes", "not sure", "emergency", "help", "yes", "back", "no"]
    result = chat(env, lines=typed)
    assert_clean(result)
    out = result.stdout
    assert "Why am I asked this?" in out
    assert "Just in case" in out  # the purpose question's help text
    # on the welcome, at a question, at an advice point and at the outcome
    assert out.count("call the police on 999") == 4
    advice = out.index("Seek advice.")
    assert "Who to ask:" in out[advice:]
    assert "Golden rule 1: data protection" in out[advice:]  # help at advice: key points
    assert "Type back to return to the question" in out[advice:]  # "yes" at advice: a hint
    # back from the advice point asks question 2 again, and the not-sure answer is gone
    assert "Question 2 of up to 5. Does the information enable" in out[advice:]
    summary = summary_of(result)
    assert "Outcome: Share" in summary
    assert "• Identifies someone? No" in summary
    assert "Not sure" not in summary


def test_chat_wrong_words_get_a_one_line_hint_and_back_undoes(env: dict[str, str]) -> None:
    result = chat(env, lines=["banana", "yes", "back", "yes please", "no"])
    assert_clean(result)
    assert result.returncode == 0
    hints = [line for line in result.stdout.splitlines() if HINT in line]
    assert len(hints) == 2
    assert all(line.strip() == HINT for line in hints)
    assert "banana" not in result.stderr
    summary = summary_of(result)
    assert "Outcome: Do not share" in summary
    assert "• Clear and legitimate purpose? No" in summary
    assert "Clear and legitimate purpose? Yes" not in summary


def test_chat_restart_forgets_the_answers(env: dict[str, str]) -> None:
    # Start again asks first: "no" keeps the answers, "yes" clears them.
    result = chat(env, lines=["yes", "yes", "restart", "no", "restart", "yes", "no"])
    assert_clean(result)
    assert result.stdout.count("Start again?") == 2
    assert "You kept your answers" in result.stdout
    assert result.stdout.count("Question 1 of up to") == 2
    summary = summary_of(result)
    assert "Outcome: Do not share" in summary
    assert "Identifies someone?" not in summary


def test_chat_record_questions_are_asked_again_until_valid(env: dict[str, str]) -> None:
    record = ["", *SHARE_RECORD[:3], "9", "public task", *SHARE_RECORD[3:]]
    result = chat(env, lines=["yes", "yes", "no", *record, *CONFIRM])
    assert_clean(result)
    assert "Please fill in: reasons." in result.stdout
    # not confidential: six bases, and not "not personal" after "it identifies someone"
    assert result.stdout.count("Please type a number from 1 to 6, or help.") == 2
    assert "None needed: not personal information" not in result.stdout
    summary = summary_of(result)
    assert shown("Reasons", SHARE_RECORD[0]) in summary
    assert "Lawful basis: Public task (UK GDPR 6(1)(e))" in summary.splitlines()


@pytest.mark.parametrize("typed", [[], ["yes", "not sure"], ["yes", "quit", "no"]])
def test_chat_ends_cleanly_when_input_ends_or_the_practitioner_quits(
    env: dict[str, str], typed: list[str]
) -> None:
    result = chat(env, lines=typed)
    assert_clean(result)
    assert result.returncode in (0, 1)
    assert "Nothing was recorded" in result.stdout
    assert "Outcome:" not in result.stdout


def test_chat_input_ending_during_the_record_says_not_recorded(env: dict[str, str]) -> None:
    result = chat(env, lines=["no", "partial reasons"])
    assert_clean(result)
    assert "Outcome: Do not share" in summary_of(result)
    assert "NOT recorded" in result.stdout


def test_chat_flow_file_from_the_environment(env: dict[str, str], tmp_path: Path) -> None:
    flow_env = env | {"INFOSHARE_FLOW": str(FIXTURES / "valid.yaml")}
    result = chat(flow_env, lines=["yes", "no"], cwd=tmp_path)
    assert_clean(result)
    assert "Outcome: Share without consent" in summary_of(result)
    assert "fixture-valid v1" in result.stdout


def test_chat_unknown_flow_is_a_friendly_failure(env: dict[str, str]) -> None:
    result = chat(env, "--flow", "no-such-flow", lines=["yes"])
    assert result.returncode != 0
    assert "no flow with this id" in result.stderr
    assert_clean(result)


def test_chat_refuses_to_start_with_a_broken_flow(env: dict[str, str]) -> None:
    result = chat(env, "--flow", str(FIXTURES / "dangling-target.yaml"), lines=["y"])
    assert result.returncode != 0
    assert "node 'consent'" in result.stderr
    assert "Question 1 of up to" not in result.stdout
    assert_clean(result)


def test_no_command_prints_usage(env: dict[str, str]) -> None:
    result = infoshare(env)
    assert result.returncode != 0
    assert "usage: infoshare" in result.stdout
