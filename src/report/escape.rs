//! Escaping, one function per output syntax. Article text is untrusted input: an
//! article may contain `<script>`, a `|` that would split a Markdown table, or a
//! `::` that would end a workflow command early. Every printer sends each string
//! from an article through the function for its syntax, and only through that one.

use std::borrow::Cow;

/// `s` with each character that `f` maps replaced by its mapping; borrowed when
/// nothing needs replacing (the common case for article text).
fn map(s: &str, f: impl Fn(char) -> Option<&'static str>) -> Cow<'_, str> {
    let Some(first) = s.char_indices().find(|&(_, c)| f(c).is_some()).map(|(i, _)| i) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len() + 16);
    out.push_str(&s[..first]);
    for c in s[first..].chars() {
        match f(c) {
            Some(r) => out.push_str(r),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Text for an HTML element or a double-quoted attribute.
pub fn html(s: &str) -> Cow<'_, str> {
    map(s, |c| match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '"' => Some("&quot;"),
        '\'' => Some("&#39;"),
        _ => None,
    })
}

/// Inline Markdown text (a table cell, a heading, link text): punctuation that
/// GitHub-flavoured Markdown would read as syntax is backslash-escaped, `|` so it
/// cannot split a table cell, and a line break becomes a space — a sentence
/// wrapped in its file is still one sentence, and a cell cannot hold a newline.
pub fn markdown(s: &str) -> Cow<'_, str> {
    map(s, |c| match c {
        '\\' => Some("\\\\"),
        '|' => Some("\\|"),
        '*' => Some("\\*"),
        '_' => Some("\\_"),
        '`' => Some("\\`"),
        '[' => Some("\\["),
        ']' => Some("\\]"),
        '<' => Some("\\<"),
        '>' => Some("\\>"),
        '~' => Some("\\~"),
        '&' => Some("\\&"),
        '\n' => Some(" "),
        '\r' => Some(""),
        _ => None,
    })
}

/// One CSV field, RFC 4180: quoted when it holds a comma, a quote or a line break,
/// with quotes inside doubled.
pub fn csv(s: &str) -> Cow<'_, str> {
    if s.contains([',', '"', '\n', '\r']) {
        Cow::Owned(format!("\"{}\"", s.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(s)
    }
}

/// The message of a GitHub workflow command (after `::`), as the Actions toolkit
/// escapes it: `%`, CR and LF.
pub fn workflow_data(s: &str) -> Cow<'_, str> {
    map(s, workflow_data_char)
}

fn workflow_data_char(c: char) -> Option<&'static str> {
    match c {
        '%' => Some("%25"),
        '\r' => Some("%0D"),
        '\n' => Some("%0A"),
        _ => None,
    }
}

/// A property value of a GitHub workflow command (`file=`, `title=`): the data
/// escapes plus `:` and `,`, which would end the value.
pub fn workflow_property(s: &str) -> Cow<'_, str> {
    map(s, |c| match c {
        ':' => Some("%3A"),
        ',' => Some("%2C"),
        _ => workflow_data_char(c),
    })
}

/// A document path as a relative URI reference (SARIF `artifactLocation.uri`, an
/// HTML `href`, a Markdown link): bytes outside RFC 3986's unreserved set and `/`
/// are percent-encoded, after [`super::repo_path`].
pub fn uri(path: &str) -> String {
    let path = super::repo_path(path);
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_syntax_escapes_its_own_metacharacters() {
        assert_eq!(
            html(r#"<script>alert("x" & 'y')</script>"#),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"
        );
        assert_eq!(markdown("a | b *c*\r\nd"), r"a \| b \*c\* d");
        assert_eq!(csv("plain"), "plain");
        assert_eq!(csv("a,b"), "\"a,b\"");
        assert_eq!(csv("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv("two\nlines"), "\"two\nlines\"");
        assert_eq!(workflow_data("85%\r\nnext: a,b"), "85%25%0D%0Anext: a,b");
        assert_eq!(workflow_property("85%\nnext: a,b"), "85%25%0Anext%3A a%2Cb");
        assert_eq!(uri("./news/a b#1.txt"), "news/a%20b%231.txt");
        assert_eq!(uri("seeds/ü.txt"), "seeds/%C3%BC.txt");
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(html("400 officers"), Cow::Borrowed(_)));
        assert!(matches!(markdown("400 officers"), Cow::Borrowed(_)));
    }
}
