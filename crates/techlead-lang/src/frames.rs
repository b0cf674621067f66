//! The open function bodies of a brace language, the branch tokens
//! counted into them and the control blocks they nest, shared by the Go
//! and Java scanners.

use crate::{Function, Problem};

struct Open {
    name: String,
    start_line: u32,
    /// Brace depth (or brace-stack length) just inside the body.
    depth: usize,
    branches: u32,
    params: u32,
    /// Control blocks open when the body opened, and the deepest since.
    base: u32,
    nesting: u32,
    /// Opening order, to sort functions that start on one line.
    order: usize,
}

#[derive(Default)]
pub struct Frames {
    open: Vec<Open>,
    functions: Vec<(usize, Function)>,
    opened: usize,
    /// Every branch token in the file, inside functions or not.
    branches: u32,
    /// Control blocks open now.
    control: u32,
}

impl Frames {
    pub fn open(&mut self, name: String, start_line: u32, depth: usize, params: u32) {
        self.open.push(Open {
            name,
            start_line,
            depth,
            branches: 0,
            params,
            base: self.control,
            nesting: 0,
            order: self.opened,
        });
        self.opened += 1;
    }

    /// A branch token: it counts for the innermost open function only.
    pub fn branch(&mut self) {
        self.branches += 1;
        if let Some(f) = self.open.last_mut() {
            f.branches += 1;
        }
    }

    /// A control keyword: one level below the control blocks open in the
    /// innermost function.
    pub fn control_keyword(&mut self) {
        if let Some(f) = self.open.last_mut() {
            f.nesting = f.nesting.max(self.control.saturating_sub(f.base) + 1);
        }
    }

    /// A control statement's `{` body opens or its `}` closes.
    pub fn control_block(&mut self, open: bool) {
        if open {
            self.control += 1;
        } else {
            self.control = self.control.saturating_sub(1);
        }
    }

    /// A `}` at `depth` (the depth just inside it) on `line`: ends the
    /// innermost function if that was its body.
    pub fn close(&mut self, depth: usize, line: u32) {
        if self.open.last().is_some_and(|f| f.depth == depth) {
            self.end_top(line);
        }
    }

    fn end_top(&mut self, line: u32) {
        if let Some(f) = self.open.pop() {
            let function = Function {
                name: f.name,
                start_line: f.start_line,
                end_line: line.max(f.start_line),
                complexity: 1 + f.branches,
                nloc: 0,
                params: f.params,
                nesting: f.nesting,
            };
            self.functions.push((f.order, function));
        }
    }

    /// Ends bodies left open at end of input at `last_line`, reporting
    /// each, and returns the functions by start line with the file's
    /// total complexity.
    pub fn finish(mut self, last_line: u32, problems: &mut Vec<Problem>) -> (Vec<Function>, u32) {
        while let Some(f) = self.open.last() {
            problems.push(Problem {
                line: f.start_line,
                message: format!("body of `{}` is not closed", f.name),
            });
            self.end_top(last_line);
        }
        // Inner functions end first; on a shared start line the outer
        // one (opened first) goes first.
        self.functions
            .sort_by_key(|(order, f)| (f.start_line, *order));
        let complexity = self.functions.len() as u32 + self.branches;
        let functions = self.functions.into_iter().map(|(_, f)| f).collect();
        (functions, complexity)
    }
}
