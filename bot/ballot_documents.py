"""The files a closed ballot produces: minutes, proposal (when someone is proposed), chart."""

from __future__ import annotations

from bot.request import File
from domain.ballots import BallotRecord

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


DOCUMENTS = ("minutes", "proposal", "chart")


def ballot_files(record: BallotRecord) -> list[File]:
    return [file for doc in DOCUMENTS if (file := ballot_file(record, doc)) is not None]


def ballot_file(record: BallotRecord, doc: str) -> File | None:
    """One of the ballot's files, made alone (a page downloads one: the chart's matplotlib is
    not run for the minutes); None for a proposal when nobody is proposed."""
    import reports  # loaded on first use: python-docx and matplotlib are heavy

    stem = f"binh-xet-{record.year}-{record.ballot.id}"
    if doc == "minutes":
        return File(f"bien-ban-{stem}.docx", reports.build_ballot_minutes(record), DOCX)
    if doc == "proposal":
        proposal = reports.build_ballot_proposal(record)
        return None if proposal is None else File(f"to-trinh-{stem}.docx", proposal, DOCX)
    return File(f"ket-qua-{stem}.png", reports.build_ballot_chart(record), "image/png")
