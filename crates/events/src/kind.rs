//! The sixteen PLOVER event types and the manual's rules for combining them:
//! what a promise, a refusal, a threat or a demand *about* another event is
//! coded as, and what an event announced for the future becomes.

/// A PLOVER event type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Agree,
    Consult,
    Support,
    Concede,
    Cooperate,
    Aid,
    Retreat,
    Request,
    Accuse,
    Reject,
    Threaten,
    Protest,
    Sanction,
    Mobilize,
    Coerce,
    Assault,
}

/// PLOVER's quad categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quad {
    VerbalCooperation,
    MaterialCooperation,
    VerbalConflict,
    MaterialConflict,
}

impl Kind {
    pub const ALL: [Kind; 16] = [
        Kind::Agree,
        Kind::Consult,
        Kind::Support,
        Kind::Concede,
        Kind::Cooperate,
        Kind::Aid,
        Kind::Retreat,
        Kind::Request,
        Kind::Accuse,
        Kind::Reject,
        Kind::Threaten,
        Kind::Protest,
        Kind::Sanction,
        Kind::Mobilize,
        Kind::Coerce,
        Kind::Assault,
    ];

    /// The PLOVER name, upper case.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Agree => "AGREE",
            Kind::Consult => "CONSULT",
            Kind::Support => "SUPPORT",
            Kind::Concede => "CONCEDE",
            Kind::Cooperate => "COOPERATE",
            Kind::Aid => "AID",
            Kind::Retreat => "RETREAT",
            Kind::Request => "REQUEST",
            Kind::Accuse => "ACCUSE",
            Kind::Reject => "REJECT",
            Kind::Threaten => "THREATEN",
            Kind::Protest => "PROTEST",
            Kind::Sanction => "SANCTION",
            Kind::Mobilize => "MOBILIZE",
            Kind::Coerce => "COERCE",
            Kind::Assault => "ASSAULT",
        }
    }

    pub fn parse(name: &str) -> Option<Kind> {
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(name))
    }

    pub fn index(self) -> usize {
        self as usize
    }

    /// The manual's quad category (sections 3.1–3.16).
    pub fn quad(self) -> Quad {
        match self {
            Kind::Agree | Kind::Consult | Kind::Support | Kind::Concede => Quad::VerbalCooperation,
            Kind::Cooperate | Kind::Aid | Kind::Retreat => Quad::MaterialCooperation,
            Kind::Request | Kind::Accuse | Kind::Reject | Kind::Threaten => Quad::VerbalConflict,
            _ => Quad::MaterialConflict,
        }
    }

    /// Verbal events are about something: a verbal trigger governs the
    /// trigger that follows it in its clause ("threatened to impose
    /// sanctions", "accused Russia of supplying arms", "held talks on the
    /// withdrawal").
    pub fn governs(self) -> bool {
        matches!(self.quad(), Quad::VerbalCooperation | Quad::VerbalConflict)
    }
}

/// An event type with its mode.
pub type Coded = (Kind, Option<&'static str>);

/// What an event promised, announced or agreed to for the future is coded
/// as (manual 3.1, 3.4 and the THREATEN examples of the gold records):
/// future cooperation is AGREE, a future retreat or concession is CONCEDE,
/// announced material conflict is a THREATEN; verbal conflict keeps its type.
pub fn promised((kind, mode): Coded) -> Coded {
    match kind.quad() {
        Quad::VerbalCooperation | Quad::MaterialCooperation => match kind {
            Kind::Retreat | Kind::Concede => (Kind::Concede, None),
            _ => (Kind::Agree, None),
        },
        Quad::MaterialConflict => (Kind::Threaten, threat_mode((kind, mode))),
        Quad::VerbalConflict => (kind, mode),
    }
}

/// A verbal event governing another: the type and mode of the whole.
pub fn govern(outer: Coded, inner: Coded) -> Coded {
    match outer.0 {
        // Accepting a demand is a concession.
        Kind::Agree if inner.0 == Kind::Request => (Kind::Concede, None),
        Kind::Agree => promised(inner),
        Kind::Request | Kind::Reject => (outer.0, outer.1.or_else(|| request_mode(inner.0))),
        Kind::Threaten => (Kind::Threaten, outer.1.or_else(|| threat_mode(inner))),
        _ => outer,
    }
}

/// An announcement that something will not be done: a refusal when it is
/// cooperation ("will not meet" is REJECT 'meet'), a concession when it is
/// conflict ("police will not use force").
pub fn refused(inner: Coded) -> Coded {
    match inner.0.quad() {
        Quad::VerbalCooperation | Quad::MaterialCooperation => {
            (Kind::Reject, request_mode(inner.0))
        }
        Quad::VerbalConflict | Quad::MaterialConflict => (Kind::Concede, None),
    }
}

/// The REQUEST/REJECT modes (manual table 3.3): what is asked for or
/// refused.
fn request_mode(kind: Kind) -> Option<&'static str> {
    match kind {
        Kind::Consult => Some("meet"),
        Kind::Agree | Kind::Support | Kind::Cooperate | Kind::Aid => Some("assist"),
        Kind::Retreat | Kind::Concede => Some("yield"),
        _ => None,
    }
}

/// The THREATEN modes (manual table 3.6): what is threatened.
fn threat_mode((kind, mode): Coded) -> Option<&'static str> {
    match (kind, mode) {
        (Kind::Coerce, Some("arrest")) => Some("arrest"),
        (Kind::Coerce, _) | (Kind::Protest, _) => Some("restrict"),
        (Kind::Sanction, Some("expel")) => Some("expel"),
        (Kind::Sanction, _) => Some("relations"),
        (Kind::Assault, Some("cleansing")) => Some("territory"),
        (Kind::Assault | Kind::Mobilize, _) => Some("violence"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.as_str()), Some(k));
        }
    }

    #[test]
    fn promises_follow_the_manual() {
        assert_eq!(
            promised((Kind::Consult, Some("visit"))),
            (Kind::Agree, None)
        );
        assert_eq!(
            promised((Kind::Retreat, Some("withdraw"))),
            (Kind::Concede, None)
        );
        assert_eq!(
            promised((Kind::Sanction, None)),
            (Kind::Threaten, Some("relations"))
        );
        assert_eq!(
            govern((Kind::Reject, None), (Kind::Consult, None)),
            (Kind::Reject, Some("meet"))
        );
    }
}
