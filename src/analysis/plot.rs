//! A trend drawn as lines, one per group, to SVG or PNG with plotters.
//!
//! The rate per 10,000 words is plotted rather than the raw count: a period with more paragraphs would
//! otherwise look like a rise. Text is drawn with the font bundled in `data/fonts`, so drawing needs no
//! font installed on the system.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Once;

use plotters::prelude::*;
use plotters::style::{register_font, FontStyle};

use super::trend::Row;
use super::Group;
use crate::error::{Error, Result};
use crate::search::Request;

/// DejaVu Sans cut to Latin-1 (data/fonts/LICENSE).
const FONT: &[u8] = include_bytes!("../../data/fonts/DejaVuSans-Latin1.ttf");

/// Size of the drawing in pixels.
const SIZE: (u32, u32) = (960, 540);

/// Registers the bundled font, once per process.
fn register() {
    static FONT_REGISTERED: Once = Once::new();
    FONT_REGISTERED.call_once(|| {
        // The font is part of the program; tests below draw with it.
        let _ = register_font("sans-serif", FontStyle::Normal, FONT);
    });
}

/// Draws `rows` as an SVG document, titled `title`: the chart `serve` shows. plotters escapes the text
/// it writes into SVG (corpus names in the legend, the query in the title).
pub(crate) fn svg(rows: &[Row], title: &str) -> Result<String> {
    register();
    let mut out = String::new();
    draw(
        SVGBackend::with_string(&mut out, SIZE).into_drawing_area(),
        rows,
        title,
    )
    .map_err(|e| Error::BadValue {
        what: "the trend chart".into(),
        reason: format!("could not draw: {e}"),
    })?;
    Ok(out)
}

/// A plot's title: the query and every filter, so an image read alone says what it shows.
pub(crate) fn title(request: &Request, period: Group, split: Option<Group>) -> String {
    let mut parts = vec![if request.query.trim().is_empty() {
        "every paragraph".to_string()
    } else {
        request.query.trim().to_string()
    }];
    if let Some(s) = &request.speaker {
        parts.push(format!("speaker {s}"));
    }
    if !request.countries.is_empty() {
        let codes: Vec<&str> = request.countries.iter().map(|c| c.as_str()).collect();
        parts.push(format!("country {}", codes.join("/")));
    }
    match (request.from, request.to) {
        (Some(f), Some(t)) => parts.push(format!("{f} to {t}")),
        (Some(f), None) => parts.push(format!("from {f}")),
        (None, Some(t)) => parts.push(format!("to {t}")),
        (None, None) => {}
    }
    if let Some(s) = &request.source {
        parts.push(format!("source {s}*"));
    }
    if !request.roles.is_empty() {
        let roles: Vec<&str> = request.roles.iter().map(|r| r.as_str()).collect();
        parts.push(format!("role {}", roles.join("/")));
    }
    if !request.kinds.is_empty() {
        let kinds: Vec<&str> = request.kinds.iter().map(|k| k.as_str()).collect();
        parts.push(format!("kind {}", kinds.join("/")));
    }
    let mut title = parts.join(", ");
    title.push_str(&format!(", by {}", period.name()));
    if let Some(s) = split {
        title.push_str(&format!(" and {}", s.name()));
    }
    title
}

/// Draws `rows` to `path` (`.svg` or `.png`), titled `title`.
pub(crate) fn plot(rows: &[Row], title: &str, path: &Path) -> Result<()> {
    register();
    let bad = |reason: String| Error::BadValue {
        what: format!("--plot {}", path.display()),
        reason,
    };
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let draw_err = |e: String| bad(format!("could not draw: {e}"));
    match ext.as_deref() {
        Some("svg") => {
            draw(SVGBackend::new(path, SIZE).into_drawing_area(), rows, title).map_err(draw_err)
        }
        Some("png") => draw(
            BitMapBackend::new(path, SIZE).into_drawing_area(),
            rows,
            title,
        )
        .map_err(draw_err),
        _ => Err(bad("name a .svg or .png file".into())),
    }
}

fn draw<DB: DrawingBackend>(
    area: DrawingArea<DB, plotters::coord::Shift>,
    rows: &[Row],
    title: &str,
) -> std::result::Result<(), String>
where
    DB::ErrorType: 'static,
{
    let e = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    area.fill(&WHITE).map_err(e)?;
    let mut periods: Vec<&str> = rows.iter().map(|r| r.period.as_str()).collect();
    periods.dedup();
    let index: BTreeMap<&str, usize> = periods.iter().enumerate().map(|(i, p)| (*p, i)).collect();
    // Groups in the order the trend lists them: the largest first.
    let mut groups: Vec<Option<&str>> = Vec::new();
    for r in rows {
        let g = r.group.as_deref();
        if !groups.contains(&g) {
            groups.push(g);
        }
    }
    let top = rows.iter().map(|r| r.per_10k_words).fold(0.0, f64::max);
    let top = if top > 0.0 { top * 1.1 } else { 1.0 };
    let last = periods.len().saturating_sub(1).max(1);
    let mut chart = ChartBuilder::on(&area)
        .caption(title, ("sans-serif", 22))
        .margin(16)
        // Room for the last period's label, centred on the right edge.
        .margin_right(40)
        .x_label_area_size(40)
        .y_label_area_size(64)
        .build_cartesian_2d(0usize..last, 0.0..top)
        .map_err(e)?;
    let label = |i: &usize| periods.get(*i).map(|p| p.to_string()).unwrap_or_default();
    chart
        .configure_mesh()
        .x_desc("period")
        .y_desc("occurrences per 10,000 words")
        // Never 0: plotters looks for key points forever when asked for none (a trend with no rows).
        .x_labels(periods.len().clamp(1, 16))
        .x_label_formatter(&label)
        .label_style(("sans-serif", 14))
        .draw()
        .map_err(e)?;
    for (n, group) in groups.iter().enumerate() {
        let colour = Palette99::pick(n).to_rgba();
        let points: Vec<(usize, f64)> = rows
            .iter()
            .filter(|r| r.group.as_deref() == *group)
            .map(|r| (index[r.period.as_str()], r.per_10k_words))
            .collect();
        let series = chart
            .draw_series(LineSeries::new(points, colour.stroke_width(2)))
            .map_err(e)?;
        if let Some(name) = group {
            let name = name.to_string();
            series.label(name).legend(move |(x, y)| {
                PathElement::new([(x, y), (x + 20, y)], colour.stroke_width(2))
            });
        }
    }
    if groups.iter().any(Option::is_some) {
        chart
            .configure_series_labels()
            .background_style(WHITE.mix(0.8))
            .border_style(BLACK)
            .label_font(("sans-serif", 14))
            .draw()
            .map_err(e)?;
    }
    area.present().map_err(e)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(period: &str, group: Option<&str>, rate: f64) -> Row {
        Row {
            period: period.into(),
            group: group.map(str::to_string),
            paragraphs: 1,
            occurrences: 1,
            total_paragraphs: 10,
            total_words: 100,
            per_10k_words: rate,
        }
    }

    #[test]
    fn a_trend_with_no_rows_is_drawn_as_an_empty_chart() {
        // A search whose filters keep nothing: the page's chart must still come back, and soon.
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(svg(&[], "nothing"));
        });
        let drawn = rx
            .recv_timeout(std::time::Duration::from_secs(20))
            .expect("an empty trend is drawn in bounded time")
            .unwrap();
        assert!(drawn.contains("<svg") && drawn.contains("nothing"));
    }

    #[test]
    fn a_trend_is_drawn_as_svg_and_png() {
        let dir = tempfile::tempdir().unwrap();
        let rows = [
            row("2019", Some("CHN"), 1.0),
            row("2019", Some("USA"), 0.0),
            row("2020", Some("CHN"), 3.0),
            row("2020", Some("USA"), 2.0),
        ];
        let svg = dir.path().join("t.svg");
        plot(&rows, "\"taiwan\" by year", &svg).unwrap();
        let text = std::fs::read_to_string(&svg).unwrap();
        assert!(text.contains("<svg") && text.contains("CHN") && text.contains("2020"));
        let png = dir.path().join("t.png");
        plot(&rows, "taiwan", &png).unwrap();
        assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
        assert!(plot(&rows, "t", &dir.path().join("t.pdf")).is_err());
    }
}
