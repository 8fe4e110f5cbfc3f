//! Zeek's usage analysis (`-u`, or `ZEEK_USAGE_ISSUES` in the
//! environment): warnings about the locals of each function, hook, event
//! handler, lambda and `when` body, found by two dataflow passes over the
//! lowered body.
//!
//! Forwards, each local is defined, possibly defined or undefined at each
//! read: "used without definition" and "possibly used without
//! definition", once per variable. Backwards, the set of locals some later
//! statement may read: an assignment to a local outside that set is an
//! "assignment unused", reported in the order a backward walk meets them.
//!
//! The passes follow what Zeek's analysis (which runs on its reduced
//! tree) concludes, not a textbook one where they differ:
//!
//! * a loop body is entered once, with the state before the loop (no
//!   definitions come round from a previous iteration); after the loop
//!   the state joins the state before it, the end of the body and each
//!   `break`; a path that ends in `next` adds nothing;
//! * each case of a `switch` starts from the join of the state before the
//!   switch and the ends of the cases before it, and the switch ends with
//!   the join of all of them;
//! * declaring a table, set, vector or record creates it (defined); other
//!   declarations without a value define nothing;
//! * the condition of an `if` is split as Zeek's reduction splits it:
//!   `! c` swaps the branches, `a && b` and `a || b` become nested `if`s
//!   (a branch then counts twice); elsewhere, a local written directly as
//!   an operand of `?:`, `&&` or `||` is not checked there (Zeek's reduced
//!   form keeps it inside its conditional expression, where it does not
//!   look);
//! * backwards, `return`, `break` and `next` pass liveness through as if
//!   control went on: in `if ( c ) { x = 1; return; } print x;` the
//!   assignment counts as read;
//! * an assignment whose value is a call (or `schedule`) is kept for its
//!   effects and never reported; nor are captured locals and `&is_used`;
//! * a `when` is a body of its own (its captures and `when ( local x =
//!   ...)` hold values on entry); where it is written, its captures are
//!   read.

use crate::runtime::ir::StmtKind as S;
use crate::runtime::ir::{self, Coercion, Expr, ExprKind as K, ForKind, LValue, Stmt};
use crate::syntax::ast::Span;
use ahash::AHashMap;

/// What the analysis knows of a frame slot that names a local.
#[derive(Clone, Debug, Default)]
pub struct SlotInfo {
    pub name: String,
    /// A table, set, vector or record: declaring it creates it.
    pub aggregate: bool,
    /// `&is_used`: its assignments are never reported.
    pub is_used: bool,
    /// `&is_assigned`: its reads are never reported.
    pub is_assigned: bool,
}

/// The statements of one body.
pub enum Body<'a> {
    Func(&'a [Stmt]),
    /// A `when`: condition, body and timeout body, each entered afresh.
    When(&'a ir::WhenInfo),
}

/// One body to analyse.
pub struct Unit<'a> {
    pub body: Body<'a>,
    /// By frame slot; `None` for slots no name refers to.
    pub slots: Vec<Option<SlotInfo>>,
    /// Slots with a value on entry: parameters and captures.
    pub entry: Vec<u32>,
    /// Captured slots: assigning one is never unused.
    pub captured: Vec<u32>,
}

/// What the compiler notes for the analysis while it lowers a body, by
/// the span of a statement or expression.
#[derive(Default)]
pub struct Notes {
    /// The assignments that may be reported, with the text Zeek quotes
    /// for each (`x = VALUE`); what the compiler made up (such as the
    /// empty table a declaration creates) has none.
    pub texts: AHashMap<(u32, u32, u32), String>,
    /// Where Zeek places a `when` statement, when not at its whole span.
    pub places: AHashMap<(u32, u32, u32), Span>,
}

pub fn key(span: Span) -> (u32, u32, u32) {
    (span.file, span.lo, span.hi)
}

/// The analysis at `level` (Zeek's count of `-u`: at 1 both kinds of
/// warning, above that only unused assignments). Returns the warnings in
/// Zeek's order.
pub fn analyze(unit: &Unit, notes: &Notes, level: u8) -> Vec<(Span, String)> {
    let mut out = Vec::new();
    if level == 1 {
        let mut d = Defs::new(unit, notes);
        match unit.body {
            Body::Func(stmts) => d.block(stmts),
            Body::When(w) => {
                let entry = d.state.clone();
                d.expr(&w.cond);
                d.state = entry.clone();
                d.block(&w.body);
                if let Some((_, tb)) = &w.timeout {
                    d.state = entry;
                    d.block(tb);
                }
            }
        }
        out.append(&mut d.out);
    }
    let mut l = Live {
        unit,
        texts: &notes.texts,
        loops: AHashMap::new(),
        split: 0,
        out: Vec::new(),
    };
    match unit.body {
        Body::Func(stmts) => {
            l.block(stmts, Bits::default());
        }
        Body::When(w) => {
            l.block(&w.body, Bits::default());
            if let Some((_, tb)) = &w.timeout {
                l.block(tb, Bits::default());
            }
        }
    }
    out.append(&mut l.out);
    out
}

/// The locals of the enclosing body a `when` uses: read or written in its
/// condition or bodies and not declared there, in order of first use.
pub fn when_captures(w: &ir::WhenInfo) -> Vec<u32> {
    let mut scan = Scan::default();
    scan.declared.extend(when_local(w));
    scan.expr(&w.cond);
    scan.stmts(&w.body);
    if let Some((_, tb)) = &w.timeout {
        scan.stmts(tb);
    }
    let Scan { used, declared } = scan;
    used.into_iter().filter(|s| !declared.contains(s)).collect()
}

/// The local `when ( local x = e )` declares.
pub fn when_local(w: &ir::WhenInfo) -> Option<u32> {
    match (&w.cond.kind, w.binds) {
        (K::Assign(lv, _), true) => match **lv {
            LValue::Local(s) => Some(s),
            _ => None,
        },
        _ => None,
    }
}

/// The expressions directly inside `e`, in the order they are evaluated;
/// an assignment target's parts come after the value (the target itself,
/// when it is a local, is no expression: see [`target`]).
pub fn children<'a>(e: &'a Expr, f: &mut dyn FnMut(&'a Expr)) {
    match &e.kind {
        K::Const(_) | K::Local(_) | K::Global(_) => {}
        K::Field(x, _)
        | K::HasField(x, _)
        | K::Neg(x)
        | K::Pos(x)
        | K::BitNot(x)
        | K::Not(x)
        | K::Size(x)
        | K::Coerce(x, _)
        | K::Cast(x, _)
        | K::CanCast(x, _)
        | K::Is(x, _)
        | K::Copy(x) => f(x),
        K::TableIndex(a, b)
        | K::PatternTableIndex(a, b, _)
        | K::SubnetTableIndex(a, b)
        | K::VectorIndex(a, b)
        | K::VectorSelect(a, b)
        | K::StringIndex(a, b)
        | K::Arith(_, a, b)
        | K::Mask(a, b)
        | K::VecBinary(_, a, b, _)
        | K::Cmp(_, a, b)
        | K::Concat(a, b)
        | K::PatternOp(_, a, b)
        | K::PatternAddTo(a, b)
        | K::SetOp(_, a, b)
        | K::And(a, b)
        | K::Or(a, b)
        | K::In(_, a, b)
        | K::AddToSet(a, b)
        | K::RemoveFromSet(a, b) => {
            f(a);
            f(b);
        }
        K::Slice(x, lo, hi) => {
            f(x);
            if let Some(lo) = lo {
                f(lo);
            }
            if let Some(hi) = hi {
                f(hi);
            }
        }
        K::Tuple(xs) | K::Vector(_, xs) | K::CallBif(_, _, xs) => xs.iter().for_each(f),
        K::Lambda(_, _, caps) => caps.iter().for_each(f),
        K::Call(g, args) | K::HookCall(g, args) => {
            f(g);
            args.iter().for_each(f);
        }
        K::Cond(a, b, c) | K::VectorCond(a, b, c) => {
            f(a);
            f(b);
            f(c);
        }
        K::Assign(lv, x) => {
            f(x);
            lvalue_parts(lv, f);
        }
        K::IncDec(lv, _) => lvalue_parts(lv, f),
        K::AppendTo(lv, x) | K::ExtendVector(lv, x, _) => {
            lvalue_parts(lv, f);
            f(x);
        }
        K::Record(_, fields) => fields.iter().for_each(|(_, x)| f(x)),
        K::Table(_, entries, attrs) => {
            for (k, v) in entries {
                f(k);
                if let Some(v) = v {
                    f(v);
                }
            }
            if let Some(d) = &attrs.default {
                f(d);
            }
            if let Some((_, x)) = &attrs.expire {
                f(x);
            }
            if let Some(x) = &attrs.expire_func {
                f(x);
            }
            if let Some(x) = &attrs.on_change {
                f(x);
            }
        }
        K::Schedule(t, ev, args) => {
            f(t);
            f(ev);
            args.iter().for_each(f);
        }
    }
}

/// The target of an assignment-like expression.
pub fn target(e: &Expr) -> Option<&LValue> {
    match &e.kind {
        K::Assign(lv, _) | K::IncDec(lv, _) | K::AppendTo(lv, _) | K::ExtendVector(lv, _, _) => {
            Some(lv)
        }
        _ => None,
    }
}

fn lvalue_parts<'a>(lv: &'a LValue, f: &mut dyn FnMut(&'a Expr)) {
    match lv {
        LValue::Local(_) | LValue::Global(_) => {}
        LValue::Field(r, _) => f(r),
        LValue::TableIndex(a, b) | LValue::VectorIndex(a, b) => {
            f(a);
            f(b);
        }
        LValue::VectorSlice(v, lo, hi) => {
            f(v);
            if let Some(lo) = lo {
                f(lo);
            }
            if let Some(hi) = hi {
                f(hi);
            }
        }
    }
}

/// The slots a `for` binds.
fn loop_vars(kind: &ForKind) -> Vec<u32> {
    match kind {
        ForKind::Table { keys, value } => keys.iter().copied().chain(*value).collect(),
        ForKind::Vector { index, value } => std::iter::once(*index).chain(*value).collect(),
        ForKind::String { var } => vec![*var],
    }
}

/// Finds the slots a `when` touches and those declared inside it.
#[derive(Default)]
struct Scan {
    used: Vec<u32>,
    declared: Vec<u32>,
}

impl Scan {
    fn touch(&mut self, s: u32) {
        if !self.used.contains(&s) {
            self.used.push(s);
        }
    }

    fn expr(&mut self, e: &Expr) {
        if let K::Local(s) = e.kind {
            self.touch(s);
        }
        if let Some(LValue::Local(s)) = target(e) {
            self.touch(*s);
        }
        children(e, &mut |c| self.expr(c));
    }

    fn stmts(&mut self, stmts: &[Stmt]) {
        for s in stmts {
            self.stmt(s);
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            S::Expr(e) | S::Clear(e) | S::DeleteField(e, _) => self.expr(e),
            S::Print(xs) => xs.iter().for_each(|x| self.expr(x)),
            S::Event(ev, args) => {
                self.expr(ev);
                args.iter().for_each(|x| self.expr(x));
            }
            S::If(c, t, e) => {
                self.expr(c);
                self.stmts(t);
                self.stmts(e);
            }
            S::For(kind, iter, body) => {
                self.expr(iter);
                self.declared.extend(loop_vars(kind));
                self.stmts(body);
            }
            S::While(c, body) => {
                self.expr(c);
                self.stmts(body);
            }
            S::Switch { value, cases, .. } => {
                self.expr(value);
                for c in cases {
                    if let Some((slot, _)) = &c.bind {
                        self.declared.push(*slot);
                    }
                    self.stmts(&c.body);
                }
            }
            S::Break | S::Next | S::Fallthrough => {}
            S::Return(e) => {
                if let Some(e) = e {
                    self.expr(e);
                }
            }
            S::Add(a, b) | S::Delete(a, b) => {
                self.expr(a);
                self.expr(b);
            }
            S::Local(slot, init) => {
                self.declared.push(*slot);
                if let Some(x) = init {
                    self.expr(x);
                }
            }
            S::Block(b) => self.stmts(b),
            S::Assert(c, m, _) => {
                self.expr(c);
                if let Some(m) = m {
                    self.expr(m);
                }
            }
            S::When(w) => {
                for slot in when_captures(w) {
                    self.touch(slot);
                }
                if let Some((t, _)) = &w.timeout {
                    self.expr(t);
                }
            }
        }
    }
}

/// A branch of an `if` as Zeek's reduced form has it: statements, or an
/// `if` that splitting a condition made.
#[derive(Clone)]
enum Arm<'a> {
    Stmts(&'a [Stmt]),
    If(&'a Expr, Box<Arm<'a>>, Box<Arm<'a>>),
}

/// How deeply Zeek splits the conditions of nested `if`s.
const MAX_SPLIT: u32 = 12;

/// One step of Zeek's reduction of `if ( c ) t else e`: `! x` swaps the
/// branches, and while nesting allows, `a || b` becomes `if ( a ) t else
/// { if ( b ) t else e }` and `a && b` becomes `if ( a ) { if ( b ) t
/// else e } else e` (a branch is then analysed twice). Returns the
/// condition, the branches, and whether it split.
fn split_if<'a>(
    c: &'a Expr,
    t: Arm<'a>,
    e: Arm<'a>,
    depth: u32,
) -> (&'a Expr, Arm<'a>, Arm<'a>, bool) {
    let (mut c, mut t, mut e) = (c, t, e);
    while let K::Not(x) = &c.kind {
        c = x;
        std::mem::swap(&mut t, &mut e);
    }
    if depth <= MAX_SPLIT {
        match &c.kind {
            K::Or(a, b) => {
                let inner = Arm::If(b, Box::new(t.clone()), Box::new(e));
                return (a, t, inner, true);
            }
            K::And(a, b) => {
                let inner = Arm::If(b, Box::new(t), Box::new(e.clone()));
                return (a, inner, e, true);
            }
            _ => {}
        }
    }
    (c, t, e, false)
}

/// Whether a local holds a value.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Def {
    No,
    Maybe,
    Yes,
}

/// Per slot; `None` where no path arrives.
type State = Option<Vec<Def>>;

fn join(a: State, b: State) -> State {
    match (a, b) {
        (None, x) | (x, None) => x,
        (Some(mut a), Some(b)) => {
            for (x, y) in a.iter_mut().zip(b) {
                if *x != y {
                    *x = Def::Maybe;
                }
            }
            Some(a)
        }
    }
}

/// The forward pass: reads of locals that may hold no value.
struct Defs<'a> {
    unit: &'a Unit<'a>,
    notes: &'a Notes,
    state: State,
    /// Warned "used without definition" / "possibly ...", by slot.
    told: Vec<(bool, bool)>,
    /// The states at each `break` of the loops and switches open.
    breaks: Vec<State>,
    /// How deep in split `if`s the walk is (see [`split_if`]).
    split: u32,
    out: Vec<(Span, String)>,
}

impl<'a> Defs<'a> {
    fn new(unit: &'a Unit<'a>, notes: &'a Notes) -> Self {
        let n = unit.slots.len();
        let mut state = vec![Def::No; n];
        for &s in unit.entry.iter().chain(&unit.captured) {
            if let Some(d) = state.get_mut(s as usize) {
                *d = Def::Yes;
            }
        }
        Defs {
            unit,
            notes,
            state: Some(state),
            told: vec![(false, false); n],
            breaks: Vec::new(),
            split: 0,
            out: Vec::new(),
        }
    }

    fn info(&self, slot: u32) -> Option<&'a SlotInfo> {
        self.unit.slots.get(slot as usize)?.as_ref()
    }

    fn read(&mut self, slot: u32, span: Span) {
        let Some(info) = self.info(slot) else { return };
        let Some(state) = &self.state else { return };
        if info.is_assigned {
            return;
        }
        let i = slot as usize;
        let told = &mut self.told[i];
        let msg = match state[i] {
            Def::Yes => return,
            _ if told.0 => return,
            Def::No => {
                told.0 = true;
                "used without definition"
            }
            Def::Maybe if told.1 => return,
            Def::Maybe => {
                told.1 = true;
                "possibly used without definition"
            }
        };
        self.out.push((span, format!("{msg} ({})", info.name)));
    }

    fn define(&mut self, slot: u32) {
        if let Some(d) = self.state.as_mut().and_then(|s| s.get_mut(slot as usize)) {
            *d = Def::Yes;
        }
    }

    fn aggregate(&self, slot: u32) -> bool {
        self.info(slot).is_some_and(|i| i.aggregate)
    }

    fn expr(&mut self, e: &Expr) {
        match &e.kind {
            K::Local(s) => self.read(*s, e.span),
            K::Assign(lv, x) => {
                self.expr(x);
                match &**lv {
                    LValue::Local(s) => self.define(*s),
                    lv => lvalue_parts(lv, &mut |c| self.expr(c)),
                }
            }
            K::IncDec(lv, _) | K::AppendTo(lv, _) | K::ExtendVector(lv, _, _) => {
                if let LValue::Local(s) = &**lv {
                    self.read(*s, e.span);
                }
                children(e, &mut |c| self.expr(c));
                if let LValue::Local(s) = &**lv {
                    if !self.aggregate(*s) {
                        self.define(*s);
                    }
                }
            }
            K::Cond(c, a, b) => self.choice(c, Some(a), Some(b)),
            K::And(a, b) => self.choice(a, Some(b), None),
            K::Or(a, b) => self.choice(a, None, Some(b)),
            // Captures are read where the closure is made.
            K::Lambda(_, _, caps) => {
                for c in caps {
                    match c.kind {
                        K::Local(s) => self.read(s, e.span),
                        _ => self.expr(c),
                    }
                }
            }
            _ => children(e, &mut |c| self.expr(c)),
        }
    }

    /// `test ? yes : no` (`&&` and `||` are that with a constant for one
    /// branch): a local standing alone as an operand is not checked.
    fn choice(&mut self, test: &Expr, yes: Option<&Expr>, no: Option<&Expr>) {
        let mut test = test;
        while let K::Not(x) = &test.kind {
            test = x;
        }
        let alone = |e: &&Expr| matches!(e.kind, K::Local(_));
        if !alone(&test) {
            self.expr(test);
        }
        if [yes, no].into_iter().flatten().all(|b| alone(&b)) {
            return;
        }
        let before = self.state.clone();
        let mut after: State = None;
        for b in [yes, no] {
            self.state = before.clone();
            if let Some(b) = b.filter(|b| !alone(b)) {
                self.expr(b);
            }
            after = join(after, self.state.take());
        }
        self.state = after;
    }

    fn block(&mut self, stmts: &[Stmt]) {
        for s in stmts {
            self.stmt(s);
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            S::Expr(e) | S::Clear(e) | S::DeleteField(e, _) => self.expr(e),
            S::Print(xs) => xs.iter().for_each(|x| self.expr(x)),
            S::Event(ev, args) => {
                self.expr(ev);
                args.iter().for_each(|x| self.expr(x));
            }
            S::If(c, t, e) => self.if_stmt(c, Arm::Stmts(t), Arm::Stmts(e)),
            S::For(kind, iter, body) => {
                self.expr(iter);
                for v in loop_vars(kind) {
                    self.define(v);
                }
                self.looped(|d| d.block(body));
            }
            S::While(c, body) => self.looped(|d| {
                d.expr(c);
                d.block(body);
            }),
            S::Switch { value, cases, .. } => {
                self.expr(value);
                let mut acc = self.state.clone();
                for c in cases {
                    self.state = acc.clone();
                    if let Some((slot, _)) = &c.bind {
                        self.define(*slot);
                    }
                    self.breaks.push(None);
                    self.block(&c.body);
                    let broke = self.breaks.pop().flatten();
                    let end = join(self.state.take(), broke);
                    acc = join(acc, end);
                }
                self.state = acc;
            }
            S::Break => {
                let here = self.state.take();
                // Outside loops and switches (in a hook) it returns.
                if let Some(b) = self.breaks.last_mut() {
                    *b = join(b.take(), here);
                }
            }
            S::Next => self.state = None,
            S::Fallthrough => {}
            S::Return(e) => {
                if let Some(e) = e {
                    self.expr(e);
                }
                self.state = None;
            }
            S::Add(a, b) | S::Delete(a, b) => {
                self.expr(a);
                self.expr(b);
            }
            S::Local(slot, init) => match init {
                Some(x) => {
                    self.expr(x);
                    self.define(*slot);
                }
                None if self.aggregate(*slot) => self.define(*slot),
                None => {}
            },
            S::Block(b) => self.block(b),
            S::Assert(c, m, _) => {
                self.expr(c);
                if let Some(m) = m {
                    self.expr(m);
                }
            }
            S::When(w) => {
                let at = self.notes.places.get(&key(s.span)).copied();
                for slot in when_captures(w) {
                    self.read(slot, at.unwrap_or(s.span));
                }
                if let Some((t, _)) = &w.timeout {
                    self.expr(t);
                }
            }
        }
    }

    fn if_stmt(&mut self, c: &Expr, t: Arm, e: Arm) {
        let (c, t, e, split) = split_if(c, t, e, self.split);
        if split {
            self.split += 1;
            self.if_stmt(c, t, e);
            self.split -= 1;
            return;
        }
        self.expr(c);
        let before = self.state.clone();
        self.arm(&t);
        let after_t = std::mem::replace(&mut self.state, before);
        self.arm(&e);
        self.state = join(after_t, self.state.take());
    }

    fn arm(&mut self, a: &Arm) {
        match a {
            Arm::Stmts(b) => self.block(b),
            Arm::If(c, t, e) => self.if_stmt(c, (**t).clone(), (**e).clone()),
        }
    }

    /// A loop: its body runs once or not at all; `break`s join the state
    /// after it, `next`s do not.
    fn looped(&mut self, body: impl FnOnce(&mut Self)) {
        let before = self.state.clone();
        self.breaks.push(None);
        body(self);
        let broke = self.breaks.pop().flatten();
        let end = self.state.take();
        self.state = join(join(before, end), broke);
    }
}

/// A set of slots.
#[derive(Clone, Default, Debug)]
struct Bits(Vec<u64>);

impl Bits {
    fn insert(&mut self, i: u32) {
        let (w, b) = ((i / 64) as usize, i % 64);
        if self.0.len() <= w {
            self.0.resize(w + 1, 0);
        }
        self.0[w] |= 1 << b;
    }

    fn remove(&mut self, i: u32) {
        if let Some(w) = self.0.get_mut((i / 64) as usize) {
            *w &= !(1 << (i % 64));
        }
    }

    fn has(&self, i: u32) -> bool {
        self.0
            .get((i / 64) as usize)
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    fn union(&mut self, o: &Bits) {
        if self.0.len() < o.0.len() {
            self.0.resize(o.0.len(), 0);
        }
        for (a, b) in self.0.iter_mut().zip(&o.0) {
            *a |= b;
        }
    }

    fn minus(&mut self, o: &Bits) {
        for (a, b) in self.0.iter_mut().zip(&o.0) {
            *a &= !b;
        }
    }

    fn intersect(&mut self, o: &Bits) {
        for (i, a) in self.0.iter_mut().enumerate() {
            *a &= o.0.get(i).copied().unwrap_or(0);
        }
    }
}

/// The locals an expression reads (an assignment's target is not read;
/// `++x` and `x += y` read `x`).
fn uses(e: &Expr, out: &mut Bits) {
    if let K::Local(s) = e.kind {
        out.insert(s);
    }
    if let (Some(LValue::Local(s)), false) = (target(e), matches!(e.kind, K::Assign(..))) {
        out.insert(*s);
    }
    children(e, &mut |c| uses(c, out));
}

/// What a statement does to liveness: the locals it reads before any
/// write (`gen`) and those it writes on every path (`kill`), so that
/// live-in = gen ∪ (live-out − kill).
struct Summary {
    gen: Bits,
    kill: Bits,
}

/// The backward pass: assignments no later read sees.
struct Live<'a> {
    unit: &'a Unit<'a>,
    texts: &'a AHashMap<(u32, u32, u32), String>,
    /// The locals each loop body reads before writing them, by body.
    loops: AHashMap<usize, Bits>,
    /// How deep in split `if`s the walk is (see [`split_if`]).
    split: u32,
    out: Vec<(Span, String)>,
}

impl<'a> Live<'a> {
    /// A statement that assigns a value to a local, as Zeek's reduced
    /// form has one: the slot, the value, and the text to quote (none for
    /// what the compiler made up, such as the empty table a declaration
    /// creates).
    fn assignment<'s>(&self, s: &'s Stmt) -> Option<(u32, &'s Expr, Option<&'a String>)> {
        let texts = self.texts;
        match &s.kind {
            S::Local(slot, Some(x)) => Some((*slot, x, texts.get(&key(s.span)))),
            S::Expr(e) => match &e.kind {
                K::Assign(lv, x) => match **lv {
                    LValue::Local(slot) => Some((slot, x, texts.get(&key(e.span)))),
                    _ => None,
                },
                _ => None,
            },
            _ => None,
        }
    }

    fn exprs_gen(s: &Stmt, out: &mut Bits) {
        match &s.kind {
            S::Expr(e) | S::Clear(e) | S::DeleteField(e, _) => uses(e, out),
            S::Print(xs) => xs.iter().for_each(|x| uses(x, out)),
            S::Event(ev, args) => {
                uses(ev, out);
                args.iter().for_each(|x| uses(x, out));
            }
            S::Return(Some(e)) => uses(e, out),
            S::Add(a, b) | S::Delete(a, b) => {
                uses(a, out);
                uses(b, out);
            }
            S::Local(_, Some(x)) => uses(x, out),
            S::Assert(c, m, _) => {
                uses(c, out);
                if let Some(m) = m {
                    uses(m, out);
                }
            }
            S::When(w) => {
                for slot in when_captures(w) {
                    out.insert(slot);
                }
                if let Some((t, _)) = &w.timeout {
                    uses(t, out);
                }
            }
            _ => {}
        }
    }

    /// The locals a loop body reads before writing them.
    fn body_gen(&mut self, body: &Vec<Stmt>) -> Bits {
        let k = body as *const Vec<Stmt> as usize;
        if let Some(g) = self.loops.get(&k) {
            return g.clone();
        }
        let g = self.summary_list(body).gen;
        self.loops.insert(k, g.clone());
        g
    }

    fn summary_list(&mut self, stmts: &[Stmt]) -> Summary {
        let mut acc = Summary {
            gen: Bits::default(),
            kill: Bits::default(),
        };
        for s in stmts.iter().rev() {
            let Summary { mut gen, kill } = self.summary(s);
            acc.gen.minus(&kill);
            gen.union(&acc.gen);
            acc.gen = gen;
            acc.kill.union(&kill);
        }
        acc
    }

    fn summary(&mut self, s: &Stmt) -> Summary {
        let mut gen = Bits::default();
        let mut kill = Bits::default();
        if let Some((slot, x, text)) = self.assignment(s) {
            uses(x, &mut gen);
            if text.is_some() || !matches!(s.kind, S::Local(..)) {
                kill.insert(slot);
            }
            return Summary { gen, kill };
        }
        match &s.kind {
            S::If(c, t, e) => {
                uses(c, &mut gen);
                let st = self.summary_list(t);
                let se = self.summary_list(e);
                gen.union(&st.gen);
                gen.union(&se.gen);
                kill = st.kill;
                kill.intersect(&se.kill);
            }
            S::For(kind, iter, body) => {
                uses(iter, &mut gen);
                gen.union(&self.body_gen(body));
                for v in loop_vars(kind) {
                    gen.remove(v);
                }
            }
            S::While(c, body) => {
                uses(c, &mut gen);
                gen.union(&self.body_gen(body));
            }
            S::Switch {
                value,
                cases,
                default,
                ..
            } => {
                uses(value, &mut gen);
                let mut all: Option<Bits> = None;
                for c in cases {
                    let Summary {
                        gen: mut g,
                        kill: mut k,
                    } = self.summary_list(&c.body);
                    if let Some((slot, _)) = &c.bind {
                        g.remove(*slot);
                        k.insert(*slot);
                    }
                    gen.union(&g);
                    match &mut all {
                        Some(a) => a.intersect(&k),
                        None => all = Some(k),
                    }
                }
                if default.is_some() {
                    kill = all.unwrap_or_default();
                }
            }
            S::Block(b) => return self.summary_list(b),
            _ => Self::exprs_gen(s, &mut gen),
        }
        Summary { gen, kill }
    }

    /// Walks a list backwards from what is live after it, reporting;
    /// returns what is live before it.
    fn block(&mut self, stmts: &[Stmt], live: Bits) -> Bits {
        let mut live = live;
        for s in stmts.iter().rev() {
            live = self.stmt(s, live);
        }
        live
    }

    fn stmt(&mut self, s: &Stmt, mut live: Bits) -> Bits {
        if let Some((slot, x, text)) = self.assignment(s) {
            if let Some(text) = text {
                if !live.has(slot) && self.reportable(slot, x) {
                    self.out
                        .push((s.span, format!("assignment unused ({text})")));
                }
                live.remove(slot);
            } else if !matches!(s.kind, S::Local(..)) {
                live.remove(slot);
            }
            uses(x, &mut live);
            return live;
        }
        match &s.kind {
            S::If(c, t, e) => self.if_stmt(c, Arm::Stmts(t), Arm::Stmts(e), live),
            S::For(kind, iter, body) => {
                let mut top = Bits::default();
                uses(iter, &mut top);
                top.union(&self.body_gen(body));
                let mut bottom = top.clone();
                bottom.union(&live);
                self.block(body, bottom);
                for v in loop_vars(kind) {
                    top.remove(v);
                }
                top.union(&live);
                top
            }
            S::While(c, body) => {
                let mut top = Bits::default();
                uses(c, &mut top);
                top.union(&self.body_gen(body));
                top.union(&live);
                self.block(body, top.clone());
                top
            }
            S::Switch {
                value,
                cases,
                default,
                ..
            } => {
                let mut all = Bits::default();
                for c in cases {
                    let mut lc = self.block(&c.body, live.clone());
                    if let Some((slot, _)) = &c.bind {
                        lc.remove(*slot);
                    }
                    all.union(&lc);
                }
                uses(value, &mut all);
                if default.is_none() {
                    all.union(&live);
                }
                all
            }
            S::Block(b) => self.block(b, live),
            _ => {
                Self::exprs_gen(s, &mut live);
                live
            }
        }
    }

    fn if_stmt(&mut self, c: &Expr, t: Arm, e: Arm, live: Bits) -> Bits {
        let (c, t, e, split) = split_if(c, t, e, self.split);
        if split {
            self.split += 1;
            let out = self.if_stmt(c, t, e, live);
            self.split -= 1;
            return out;
        }
        let mut lt = self.arm(&t, live.clone());
        let le = self.arm(&e, live);
        lt.union(&le);
        uses(c, &mut lt);
        lt
    }

    fn arm(&mut self, a: &Arm, live: Bits) -> Bits {
        match a {
            Arm::Stmts(b) => self.block(b, live),
            Arm::If(c, t, e) => self.if_stmt(c, (**t).clone(), (**e).clone(), live),
        }
    }

    /// Whether an unused assignment to `slot` of `x` is worth a warning.
    fn reportable(&self, slot: u32, x: &Expr) -> bool {
        let Some(Some(info)) = self.unit.slots.get(slot as usize) else {
            return false;
        };
        if info.is_used || self.unit.captured.contains(&slot) {
            return false;
        }
        let mut x = x;
        while let K::Coerce(inner, Coercion::FromAny(_) | Coercion::Retype(_)) = &x.kind {
            x = inner;
        }
        !matches!(
            x.kind,
            K::Call(..) | K::CallBif(..) | K::HookCall(..) | K::Schedule(..)
        )
    }
}
