//! PDF and Word statements: the seed printed to PDF and saved as .docx reads as the .txt does, documents
//! with nothing to read are reported by name while the rest is indexed, hostile PDFs are refused with
//! bounded work, and real meeting records (when a folder of them is at hand) are all indexed or reported.
//!
//! The PDFs and Word files are generated here rather than committed: [`pdf`] writes the smallest PDF a
//! reader accepts (Helvetica, one text object per line, as a print driver lays out a page) and [`docx`]
//! the smallest Word archive, so what each test reads is in plain sight.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;

use serde_json::{json, Value};

use crate::util::{seed, Env, Run, SEED, SEED_FILE};

/// One line of text on a page: x, y (from the bottom, as PDF counts), font size, text.
type Placed = (f32, f32, f32, String);

/// A PDF of `pages`, each a list of placed lines in Helvetica, with `title` in its document information.
fn pdf(pages: &[Vec<Placed>], title: Option<&str>) -> Vec<u8> {
    let escape = |s: &str| {
        s.replace('\\', "\\\\")
            .replace('(', "\\(")
            .replace(')', "\\)")
    };
    // Objects 1: catalog, 2: page tree, 3: font, 4: info, then a page and its content per page.
    let mut objects: Vec<String> = vec![String::new(); 4];
    objects[0] = "<< /Type /Catalog /Pages 2 0 R >>".into();
    let kids: Vec<String> = (0..pages.len())
        .map(|i| format!("{} 0 R", 5 + 2 * i))
        .collect();
    objects[1] = format!(
        "<< /Type /Pages /Kids [{}] /Count {} >>",
        kids.join(" "),
        pages.len()
    );
    objects[2] =
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".into();
    objects[3] = match title {
        Some(t) => format!(
            "<< /Title ({}) /CreationDate (D:20300102030405Z) >>",
            escape(t)
        ),
        None => "<< /CreationDate (D:20300102030405Z) >>".into(),
    };
    for (i, lines) in pages.iter().enumerate() {
        let mut content = String::new();
        for (x, y, size, text) in lines {
            writeln!(
                content,
                "BT /F1 {size} Tf 1 0 0 1 {x} {y} Tm ({}) Tj ET",
                escape(text)
            )
            .unwrap();
        }
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
            6 + 2 * i
        ));
        objects.push(format!(
            "<< /Length {} >>\nstream\n{content}endstream",
            content.len()
        ));
    }
    // A file identifier, which encryption needs.
    let id = "<00112233445566778899aabbccddeeff>";
    raw_pdf(
        &objects,
        &format!("/Root 1 0 R /Info 4 0 R /ID [{id} {id}]"),
    )
}

/// A PDF file of numbered `objects` (from 1) with a cross-reference table and `trailer` entries.
fn raw_pdf(objects: &[String], trailer: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        write!(out, "{} 0 obj\n{object}\nendobj\n", i + 1).unwrap();
    }
    let xref = out.len();
    write!(out, "xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).unwrap();
    for o in offsets {
        writeln!(out, "{o:010} 00000 n ").unwrap();
    }
    write!(
        out,
        "trailer\n<< /Size {} {trailer} >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    )
    .unwrap();
    out
}

/// `text` (paragraphs separated by blank lines) printed as a browser prints a page: wrapped at 88
/// characters in 10-point type, 13 points a line and a blank half line between paragraphs, 40 lines a page
/// (so that paragraphs run over page breaks), a running header and a page number in the footer.
fn printed(text: &str) -> Vec<Vec<Placed>> {
    let mut pages: Vec<Vec<Placed>> = Vec::new();
    let mut lines: Vec<(String, bool)> = Vec::new();
    for paragraph in text.split("\n\n") {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            if !line.is_empty() && line.len() + 1 + word.len() > 88 {
                lines.push((std::mem::take(&mut line), false));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push((line, true));
    }
    let mut y = 0.0;
    for (line, ends_paragraph) in lines {
        if pages.is_empty() || y < 80.0 {
            let n = pages.len() + 1;
            pages.push(vec![
                (
                    72.0,
                    760.0,
                    8.0,
                    "Ministry of Foreign Affairs of the People's Republic of China".into(),
                ),
                (300.0, 40.0, 8.0, format!("- {n} -")),
            ]);
            y = 720.0;
        }
        pages.last_mut().unwrap().push((72.0, y, 10.0, line));
        y -= if ends_paragraph { 19.5 } else { 13.0 };
    }
    pages
}

/// A Word document of `paragraphs` ((style, text), "" for no style), deflated as Word writes it.
fn docx(paragraphs: &[(&str, &str)]) -> Vec<u8> {
    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let mut body = String::new();
    for (style, text) in paragraphs {
        body.push_str("<w:p>");
        if !style.is_empty() {
            write!(body, "<w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>").unwrap();
        }
        let escaped = text
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        write!(
            body,
            "<w:r><w:t xml:space=\"preserve\">{escaped}</w:t></w:r></w:p>"
        )
        .unwrap();
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"{W}\"><w:body>{body}</w:body></w:document>"
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("word/document.xml", deflated).unwrap();
    zip.write_all(document.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

/// The seed's text without its breadcrumb and footer links, as a page prints.
fn seed_paragraphs() -> Vec<&'static str> {
    SEED.split("\n\n")
        .flat_map(|b| b.split('\n'))
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

/// `"Belt and Road"` hits as (paragraph number, text, speakers, countries).
fn belt_and_road(env: &Env) -> Vec<(String, Value, Value, Value)> {
    let run = env.search(&["\"Belt and Road\"", "--json"]).code(0);
    let mut hits: Vec<(String, Value, Value, Value)> = run
        .json()
        .iter()
        .map(|h| {
            let id = h["id"].as_str().unwrap_or_default();
            let n = id.rsplit('#').next().unwrap_or_default().to_string();
            (
                n,
                h["text"].clone(),
                h["speakers"].clone(),
                h["countries"].clone(),
            )
        })
        .collect();
    hits.sort_by(|a, b| a.0.cmp(&b.0));
    hits
}

#[test]
fn the_seed_printed_to_pdf_reads_as_the_text_does() {
    let txt = Env::seeded();
    txt.index().code(0);
    let expected = belt_and_road(&txt);
    assert_eq!(expected.len(), 2);
    assert_eq!(
        (&expected[0].2, &expected[0].3),
        (&json!(["Xi Jinping"]), &json!(["CHN"]))
    );
    assert_eq!(
        (&expected[1].2, &expected[1].3),
        (&json!(["Thongloun Sisoulith"]), &json!(["LAO"]))
    );

    let env = Env::new();
    let pages = printed(&seed_paragraphs().join("\n\n"));
    assert!(pages.len() >= 2, "the seed must run over a page break");
    env.write(&SEED_FILE.replace(".txt", ".pdf"), pdf(&pages, None));
    env.index().code(0).stderr_has("1 indexed");
    assert_eq!(belt_and_road(&env), expected);
}

#[test]
fn the_seed_saved_as_a_word_document_reads_as_the_text_does() {
    let txt = Env::seeded();
    txt.index().code(0);
    let expected = belt_and_road(&txt);

    let env = Env::new();
    let lines = seed_paragraphs();
    let paragraphs: Vec<(&str, &str)> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| (if i == 1 { "Heading1" } else { "" }, *l))
        .collect();
    env.write(&SEED_FILE.replace(".txt", ".docx"), docx(&paragraphs));
    env.index().code(0).stderr_has("1 indexed");
    assert_eq!(belt_and_road(&env), expected);
}

#[test]
fn a_meeting_record_gives_each_delegate_their_turn() {
    let env = Env::new();
    let cover = vec![
        (72.0, 740.0, 10.0, "United Nations".to_string()),
        (460.0, 740.0, 10.0, "S/PV.9999".to_string()),
        (72.0, 720.0, 14.0, "Security Council".to_string()),
        (72.0, 690.0, 10.0, "9999th meeting".to_string()),
        (
            72.0,
            676.0,
            10.0,
            "Thursday, 14 March 2030, 10 a.m.".to_string(),
        ),
        (72.0, 662.0, 10.0, "New York".to_string()),
    ];
    let body = [
        "The President: I now give the floor to the representative of Norway.",
        "Mr. Invented (Norway): Norway will never accept a line that divides the two valleys, and we \
         call on the Council to act before the harvest.",
        "Ms. Madeup (Chile): Chile has always respected the valleys and asks only for calm and for an \
         inquiry into the events of last week.",
    ];
    let mut pages = vec![cover];
    let mut y = 620.0;
    for p in body {
        let mut line = String::new();
        for word in p.split_whitespace() {
            if line.len() + word.len() + 1 > 80 {
                pages[0].push((72.0, y, 10.0, std::mem::take(&mut line)));
                y -= 12.0;
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        pages[0].push((72.0, y, 10.0, line));
        y -= 20.0;
    }
    env.write("S_PV.9999.pdf", pdf(&pages, Some("S/PV.9999")));
    env.index().code(0);
    let run = env.search(&["valleys", "--json"]).code(0);
    let mut turns: Vec<(Value, Value, Value)> = run
        .json()
        .iter()
        .map(|h| {
            (
                h["speakers"].clone(),
                h["countries"].clone(),
                h["date"].clone(),
            )
        })
        .collect();
    turns.sort_by_key(|t| t.0.to_string());
    assert_eq!(
        turns,
        [
            (json!(["Invented"]), json!(["NOR"]), json!("2030-03-14")),
            (json!(["Madeup"]), json!(["CHL"]), json!("2030-03-14")),
        ],
        "{run}"
    );
}

#[test]
fn documents_with_nothing_to_read_are_reported_by_name_and_the_rest_indexed() {
    let env = Env::seeded();
    // A page that only shows an image, as a scanner writes it.
    let scan = raw_pdf(
        &[
            "<< /Type /Catalog /Pages 2 0 R >>".into(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into(),
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>".into(),
            "<< /Length 35 >>\nstream\nq 612 0 0 792 0 0 cm /Im1 Do Q\nendstream".into(),
            "<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n\x00\nendstream".into(),
        ],
        "/Root 1 0 R",
    );
    env.write("scan.pdf", scan);
    env.write("cut.pdf", &pdf(&printed("Cut short."), None)[..200]);
    env.write("renamed.pdf", "just text");
    env.write("broken.docx", "PK\x03\x04 not a zip");
    let run = env.index().code(3);
    assert_reported(
        &run,
        &[
            ("scan.pdf", "no text layer"),
            ("cut.pdf", "damaged PDF"),
            ("renamed.pdf", "not a PDF"),
            ("broken.docx", "not a Word document"),
        ],
    );
    assert_eq!(env.id_set(&["\"Belt and Road\""]), [seed(3), seed(4)]);
}

/// `bytes` encrypted with the user password `user` (RC4, 128 bits), as lopdf writes it.
fn encrypted(bytes: &[u8], user: &str) -> Vec<u8> {
    let mut doc = pdf_extract::Document::load_mem(bytes).unwrap();
    let version = pdf_extract::EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password: user,
        key_length: 128,
        permissions: pdf_extract::Permissions::default(),
    };
    let state = pdf_extract::EncryptionState::try_from(version).unwrap();
    doc.encrypt(&state).unwrap();
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn a_pdf_that_needs_a_password_is_reported_and_one_that_only_restricts_copying_is_read() {
    let env = Env::new();
    let text = "Mr. Invented (Norway): Norway calls for calm in the two valleys and for talks.";
    let plain = pdf(&printed(text), None);
    env.write("locked.pdf", encrypted(&plain, "secret"));
    env.write("restricted.pdf", encrypted(&plain, ""));
    let run = env.index().code(3);
    assert!(
        run.stderr
            .lines()
            .any(|l| l.contains("locked.pdf") && l.contains("needs a password")),
        "{run}"
    );
    let hits = env.search(&["valleys", "--json"]).code(0).json();
    assert_eq!(hits.len(), 1, "{run}");
    assert_eq!(hits[0]["source"], "restricted.pdf");
    assert_eq!(hits[0]["countries"], json!(["NOR"]));
}

#[test]
fn hostile_pdfs_are_refused_with_bounded_work() {
    let env = Env::seeded();
    // 300 MiB of spaces deflated into 300 KiB, as a page's content.
    let mut deflate = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    deflate.write_all(&vec![b' '; 300 << 20]).unwrap();
    let bomb = deflate.finish().unwrap();
    let mut bytes = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
        2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n\
        3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >> endobj\n"
        .to_vec();
    write!(
        bytes,
        "4 0 obj << /Length {} /Filter /FlateDecode >>\nstream\n",
        bomb.len()
    )
    .unwrap();
    bytes.extend_from_slice(&bomb);
    bytes.extend_from_slice(b"\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    env.write("bomb.pdf", bytes);
    // A form that draws itself, which a reader following it would follow forever.
    let looping = raw_pdf(
        &[
            "<< /Type /Catalog /Pages 2 0 R >>".into(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into(),
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources 6 0 R /Contents 4 0 R >>".into(),
            "<< /Length 7 >>\nstream\n/Fm1 Do\nendstream".into(),
            "<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources 6 0 R /Length 7 >>\nstream\n/Fm1 Do\nendstream".into(),
            "<< /XObject << /Fm1 5 0 R >> >>".into(),
        ],
        "/Root 1 0 R",
    );
    env.write("loop.pdf", looping);
    // Arrays nested a hundred thousand deep in the page tree, which a recursive parser would follow.
    let deep = raw_pdf(
        &[
            "<< /Type /Catalog /Pages 2 0 R >>".into(),
            format!(
                "<< /Type /Pages /Kids [3 0 R] /Count 1 /X {}{} >>",
                "[".repeat(100_000),
                "]".repeat(100_000)
            ),
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>".into(),
        ],
        "/Root 1 0 R",
    );
    env.write("deep.pdf", deep);
    let started = std::time::Instant::now();
    let run = env.index().code(3);
    assert!(started.elapsed().as_secs() < 60, "{run}");
    run.assert_no_panic();
    assert_reported(
        &run,
        &[
            ("bomb.pdf", "decompression bomb"),
            ("loop.pdf", "forms"),
            ("deep.pdf", "PDF"),
        ],
    );
    assert_eq!(env.id_set(&["\"Belt and Road\""]), [seed(3), seed(4)]);
}

/// A folder of real PDFs (UN meeting records, ministry documents, scans), from `DEMARCHE_PDF_SAMPLES` or
/// `../pdf-samples` beside the project; `None`, with a message, when there is none: the files are public
/// but not the project's to ship.
fn pdf_samples() -> Option<PathBuf> {
    let dir = std::env::var_os("DEMARCHE_PDF_SAMPLES")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../pdf-samples")));
    if dir.is_dir() {
        return Some(dir);
    }
    eprintln!(
        "skipped: {} is absent, so real PDFs are not read (set DEMARCHE_PDF_SAMPLES to a folder of them)",
        dir.display()
    );
    None
}

#[test]
fn real_pdfs_are_each_indexed_or_reported() {
    let Some(samples) = pdf_samples() else { return };
    let env = Env::new();
    let mut names = Vec::new();
    for entry in walkdir::WalkDir::new(&samples).into_iter().flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if entry.file_type().is_file() && (name.ends_with(".pdf") || name.ends_with(".docx")) {
            std::fs::copy(entry.path(), env.corpus().join(&name)).unwrap();
            names.push(name);
        }
    }
    let run = env.index();
    run.assert_no_panic();
    let summary = run.summary();
    assert_eq!(summary.seen, names.len(), "{run}");
    assert_eq!(summary.indexed + summary.skipped, names.len(), "{run}");
    let export = env.run(&["export"]).code(0);
    for name in &names {
        let reported = run.stderr.lines().any(|l| l.contains(name.as_str()));
        let indexed = export.stdout.contains(&format!("\"{name}"));
        assert!(
            reported || indexed,
            "{name} neither indexed nor reported\n{run}"
        );
    }
}

/// Asserts that the run's messages name each file with its reason.
fn assert_reported(run: &Run, files: &[(&str, &str)]) {
    for (name, why) in files {
        assert!(
            run.stderr
                .lines()
                .any(|l| l.contains(name) && l.contains(why)),
            "{name}: {why}\n{run}"
        );
    }
}
