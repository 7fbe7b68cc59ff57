"""The files a closed ballot produces: minutes, proposal (when someone is proposed), chart."""

from __future__ import annotations

from bot.request import File
from domain.ballots import BallotRecord

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def ballot_files(record: BallotRecord) -> list[File]:
    import reports  # loaded on first use: python-docx and matplotlib are heavy

    stem = f"binh-xet-{record.year}-{record.ballot.id}"
    files = [File(f"bien-ban-{stem}.docx", reports.build_ballot_minutes(record), DOCX)]
    proposal = reports.build_ballot_proposal(record)
    if proposal is not None:
        files.append(File(f"to-trinh-{stem}.docx", proposal, DOCX))
    files.append(File(f"ket-qua-{stem}.png", reports.build_ballot_chart(record), "image/png"))
    return files
