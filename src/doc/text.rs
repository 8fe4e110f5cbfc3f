//! The text of a `##` comment as Zeekygen reads it: running text, then
//! `name:` lines for parameters and a `Returns:` line.

/// A `##` comment split the way Zeekygen reads it: running text, then
/// `name:` lines for parameters and a `Returns:` line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocText {
    pub text: Vec<String>,
    pub params: Vec<(String, Vec<String>)>,
    pub returns: Option<Vec<String>>,
}

impl DocText {
    pub fn parse(lines: &[String], params: &[String]) -> DocText {
        // What a line continues: the running text, a parameter or Returns.
        enum At {
            Text,
            Param(usize),
            Returns,
        }
        let mut d = DocText::default();
        let mut at = At::Text;
        for line in lines {
            let trimmed = line.trim();
            if let Some((word, rest)) = trimmed.split_once(':') {
                let rest = rest.trim().to_string();
                if !word.contains(char::is_whitespace) && params.iter().any(|p| p == word) {
                    d.params.push((word.to_string(), vec![rest]));
                    at = At::Param(d.params.len() - 1);
                    continue;
                }
                if word.eq_ignore_ascii_case("returns") {
                    d.returns = Some(vec![rest]);
                    at = At::Returns;
                    continue;
                }
            }
            match at {
                _ if trimmed.is_empty() => {
                    at = At::Text;
                    d.text.push(String::new());
                }
                At::Param(i) => {
                    if let Some(p) = d.params.get_mut(i) {
                        p.1.push(trimmed.to_string());
                    }
                }
                At::Returns => {
                    if let Some(r) = d.returns.as_mut() {
                        r.push(trimmed.to_string());
                    }
                }
                At::Text => d.text.push(line.clone()),
            }
        }
        // Blank lines at either end of the text separate nothing.
        while d.text.last().is_some_and(|l| l.trim().is_empty()) {
            d.text.pop();
        }
        let lead = d.text.iter().take_while(|l| l.trim().is_empty()).count();
        d.text.drain(..lead);
        d
    }

    /// Adds another comment's text and fields after this one's.
    pub fn merge(&mut self, other: DocText) {
        if !self.text.is_empty() && !other.text.is_empty() {
            self.text.push(String::new());
        }
        self.text.extend(other.text);
        for p in other.params {
            if !self.params.iter().any(|q| q.0 == p.0) {
                self.params.push(p);
            }
        }
        if self.returns.is_none() {
            self.returns = other.returns;
        }
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty() && self.params.is_empty() && self.returns.is_none()
    }

    /// The first sentence of the text, for the summary tables.
    pub fn first_sentence(&self) -> String {
        let para: Vec<&str> = self
            .text
            .iter()
            .take_while(|l| !l.trim().is_empty())
            .map(|l| l.trim())
            .collect();
        let joined = para.join(" ");
        match joined.find(". ") {
            Some(i) => joined[..=i].to_string(),
            None => joined,
        }
    }
}
