"""The images of docs/side-by-side.md: the first page of the source UNODC note and of the
service's notes, as a protocol officer would print them. Not a test: `make readme-side-by-side`.

The source note is the text of the original (shared/seeds/001_*.txt, or SOURCE_NOTE=path) set in
a plain A4 page; the service's notes are its .docx printed by LibreOffice, as a mission opens
them. Each first page becomes a PNG at 60 dpi with poppler's pdftoppm:

    .venv/bin/python -m tests.readme_side_by_side [output folder]
"""
from __future__ import annotations

import glob
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "images"
SEEDS = os.environ.get("SEEDS", "/work/shared/seeds")


def first_page_png(pdf: Path, png: Path) -> None:
    """Page 1 at 60 dpi, in grey (a note is black on white): well under 150 KB."""
    stem = png.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-gray", "-r", "60", "-f", "1", "-l", "1",
                    "-singlefile", str(pdf), str(stem)], check=True)


def libreoffice_pdf(docx: bytes, folder: Path, name: str) -> Path:
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        sys.exit("LibreOffice is needed (apt-get install libreoffice-writer-nogui)")
    source = folder / f"{name}.docx"
    source.write_bytes(docx)
    subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(folder),
                    str(source)], check=True, timeout=180, capture_output=True,
                   env={"HOME": str(folder), "PATH": "/usr/bin:/bin"})
    return folder / f"{name}.pdf"


def source_pdf(text: str, folder: Path) -> Path:
    """The original's text as it is printed: letterhead centred, paragraphs justified, bold kept,
    the date and the motto at the end; nothing of the service's layout."""
    from weasyprint import HTML

    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    body = []
    for i, paragraph in enumerate(paragraphs):
        inner = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", html.escape(paragraph))
        kind = "head" if i < 2 else "body"
        body.append(f'<p class="{kind}">{inner}</p>')
    page = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 2.5cm; }}
body {{ font-family: "Times New Roman", "Noto Serif", serif; font-size: 12pt; line-height: 1.4; }}
p {{ margin: 0 0 12pt; text-align: justify; }}
p.head {{ text-align: center; font-weight: bold; }}
</style></head><body>{"".join(body)}</body></html>"""
    target = folder / "source.pdf"
    HTML(string=page).write_pdf(target)
    return target


def service_notes() -> dict[str, bytes]:
    """The demo's notes, from a throw-away database loaded with the demo command."""
    from meetings import create_app
    from meetings.extensions import db
    from meetings.models import Invitation, Meeting, Party
    from meetings.services import notes
    from meetings.services.demo import SLUGS

    folder = Path(tempfile.mkdtemp(prefix="readme-notes-"))
    os.environ["MEETINGS_INSTANCE_PATH"] = str(folder)
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'demo.sqlite'}",
                      "SECRET_KEY": "readme"})
    with app.app_context():
        runner = app.test_cli_runner()
        for args in (["db", "upgrade"], ["demo"]):
            result = runner.invoke(args=args)
            assert result.exit_code == 0, result.output

        def invitation(slug: str, iso3: str) -> Invitation:
            return db.session.scalar(sa.select(Invitation).join(Meeting).join(Party).where(
                Meeting.slug == SLUGS[slug], Party.iso3 == iso3))

        reference = "CU 2012/150(A)/DTA/CEB/CSS"
        cica = db.session.scalar(sa.select(Meeting).where(Meeting.slug == SLUGS["cica_swg"]))
        return {
            "unodc-en": notes.draft(invitation("uncac_expert_meeting", "AUT"), "en",
                                    reference=reference).docx,
            # the demo's Arabic invitation goes to Egypt
            "unodc-ar": notes.draft(invitation("uncac_expert_meeting", "EGY"), "ar",
                                    reference=reference).docx,
            "cica-ru": notes.draft_circular(cica, "ru", reference="NCT/CT/708").docx,
        }


def main(out: Path = OUT) -> None:
    if shutil.which("pdftoppm") is None:
        sys.exit("pdftoppm is needed (apt-get install poppler-utils)")
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="readme-side-"))
    source = os.environ.get("SOURCE_NOTE") or next(iter(glob.glob(f"{SEEDS}/001_*.txt")), None)
    if source is None:
        sys.exit("The source note's text is needed: SOURCE_NOTE=path/to/001_….txt")
    first_page_png(source_pdf(Path(source).read_text(encoding="utf-8"), work),
                   out / "side-source-unodc.png")
    for name, docx in service_notes().items():
        first_page_png(libreoffice_pdf(docx, work, name), out / f"side-{name}.png")
    for png in sorted(out.glob("side-*.png")):
        print(f"{png.relative_to(ROOT)}: {png.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
