//! The HTML table model (HTML Living Standard §4.9.12): which cell covers which slot of a
//! table's grid, with `rowspan`/`colspan`, and which header cells each cell is assigned,
//! by `headers` or by the implicit scan with `scope`. Built once here for every table rule.
//!
//! Deviations, stated so rules do not over-trust the model: `colgroup` scopes are
//! treated as column scopes, `rowspan=0` spans to the end of its row group, and an empty
//! `td` is not a data cell when deciding whether an auto-scoped `th` heads a row or a column.

use std::cell::OnceCell;
use std::collections::HashMap;

use crate::dom::{Dom, ElementRef, NodeData, NodeId};

/// One `td`/`th` of a table, with its anchor slot and size in the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    pub id: NodeId,
    /// A `th` (header cell); otherwise a `td` (data cell).
    pub header: bool,
    pub x: usize,
    pub y: usize,
    pub width: usize,
    pub height: usize,
    /// No text and no child elements: an empty corner `td` of a two-axis table.
    pub empty: bool,
    /// Index of the row group (`thead`/`tbody`/`tfoot`, or the implied body) it is in.
    pub group: usize,
    /// Its `scope` attribute's state (auto when missing or invalid).
    pub scope: Scope,
}

/// What a header cell's `scope` says, as HTML maps the attribute's keywords.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Row,
    Col,
    RowGroup,
    ColGroup,
    /// Missing or not one of the keywords (the invalid value default is auto).
    Auto,
}

impl Scope {
    /// The keyword state of a `scope` value; `None` if the value is not one of them.
    pub fn parse(value: &str) -> Option<Scope> {
        let value = value.trim();
        [
            ("row", Scope::Row),
            ("col", Scope::Col),
            ("rowgroup", Scope::RowGroup),
            ("colgroup", Scope::ColGroup),
            ("", Scope::Auto),
            ("auto", Scope::Auto),
        ]
        .into_iter()
        .find(|(keyword, _)| value.eq_ignore_ascii_case(keyword))
        .map(|(_, scope)| scope)
    }
}

/// A table's grid: its cells in tree order and the cell covering each slot.
#[derive(Debug)]
pub struct Table {
    pub element: NodeId,
    pub cells: Vec<Cell>,
    pub width: usize,
    pub height: usize,
    /// `slots[y][x]`: index into `cells`, `None` for an empty slot.
    slots: Vec<Vec<Option<usize>>>,
    /// Per row, per column: a slot of it is covered by a non-empty data cell.
    row_has_data: Vec<bool>,
    col_has_data: Vec<bool>,
    /// Header cell -> the data cells it is assigned to (in tree order), computed once
    /// for all cells on first use: asking per header would rerun the assignment for
    /// every data cell, quadratic in the table's size.
    headed: OnceCell<HashMap<NodeId, Vec<NodeId>>>,
}

/// Upper bounds from HTML (colspan ≤ 1000, rowspan ≤ 65534), kept lower so a hostile page
/// cannot make the grid huge.
const MAX_COLSPAN: usize = 1000;
const MAX_ROWSPAN: usize = 1000;

impl Table {
    /// The grid of `table` (a `<table>` element): rows are its own `tr` children and those
    /// of its row groups, never a nested table's.
    pub fn build(dom: &Dom, table: NodeId) -> Table {
        let mut t = Table {
            element: table,
            cells: Vec::new(),
            width: 0,
            height: 0,
            slots: Vec::new(),
            row_has_data: Vec::new(),
            col_has_data: Vec::new(),
            headed: OnceCell::new(),
        };
        let Some(el) = dom.element(table) else {
            return t;
        };
        let mut group = 0;
        // Rows directly under <table> form implied row groups between explicit ones.
        let mut loose_rows = Vec::new();
        for child in el.children() {
            if child.is("tr") {
                loose_rows.push(child);
            } else if child.is("thead") || child.is("tbody") || child.is("tfoot") {
                if !loose_rows.is_empty() {
                    t.add_group(std::mem::take(&mut loose_rows), group);
                    group += 1;
                }
                t.add_group(child.children().filter(|r| r.is("tr")).collect(), group);
                group += 1;
            }
        }
        if !loose_rows.is_empty() {
            t.add_group(loose_rows, group);
        }
        t.width = t.slots.iter().map(Vec::len).max().unwrap_or(0);
        t.row_has_data = vec![false; t.height];
        t.col_has_data = vec![false; t.width];
        for y in 0..t.height {
            for x in 0..t.width {
                if t.is_data_cell_at(x, y) {
                    t.row_has_data[y] = true;
                    t.col_has_data[x] = true;
                }
            }
        }
        t
    }

    fn add_group(&mut self, rows: Vec<ElementRef>, group: usize) {
        let start = self.slots.len();
        let end = start + rows.len();
        for (i, row) in rows.iter().enumerate() {
            let y = start + i;
            self.ensure_row(y);
            let mut x = 0;
            for cell in row.children().filter(|c| c.is("td") || c.is("th")) {
                while self.slots[y].get(x).copied().flatten().is_some() {
                    x += 1;
                }
                let width = span(cell.attr("colspan"), 1, MAX_COLSPAN);
                let height = match span(cell.attr("rowspan"), 1, MAX_ROWSPAN) {
                    0 => end - y,
                    h => h,
                };
                let index = self.cells.len();
                self.cells.push(Cell {
                    id: cell.id,
                    header: cell.is("th"),
                    x,
                    y,
                    width: width.max(1),
                    height,
                    empty: cell.children().next().is_none() && only_blank_text(cell),
                    group,
                    scope: cell
                        .attr("scope")
                        .and_then(Scope::parse)
                        .unwrap_or(Scope::Auto),
                });
                for dy in 0..height {
                    self.ensure_row(y + dy);
                    let slots = &mut self.slots[y + dy];
                    if slots.len() < x + width.max(1) {
                        slots.resize(x + width.max(1), None);
                    }
                    for slot in &mut slots[x..x + width.max(1)] {
                        // Overlapping cells are a table model error; the first one keeps the slot.
                        slot.get_or_insert(index);
                    }
                }
                x += width.max(1);
            }
        }
        self.height = self.slots.len();
    }

    fn ensure_row(&mut self, y: usize) {
        if self.slots.len() <= y {
            self.slots.resize(y + 1, Vec::new());
        }
    }

    /// The cell covering slot (x, y).
    pub fn cell_at(&self, x: usize, y: usize) -> Option<&Cell> {
        let i = self.slots.get(y)?.get(x).copied().flatten()?;
        self.cells.get(i)
    }

    /// The cell for this element, if it is one of this table's cells.
    pub fn cell(&self, id: NodeId) -> Option<&Cell> {
        self.cells.iter().find(|c| c.id == id)
    }

    /// Whether a header cell is a column header (HTML: scope col/colgroup, or auto with no
    /// data cell in its rows).
    pub fn is_column_header(&self, _dom: &Dom, cell: &Cell) -> bool {
        match cell.scope {
            Scope::Col | Scope::ColGroup => true,
            Scope::Auto => !self.has_data_cell_in_rows(cell.y, cell.height),
            _ => false,
        }
    }

    /// Whether a header cell is a row header (scope row/rowgroup, or auto, not a column
    /// header, and no data cell in its columns).
    pub fn is_row_header(&self, dom: &Dom, cell: &Cell) -> bool {
        match cell.scope {
            Scope::Row | Scope::RowGroup => true,
            Scope::Auto => {
                !self.is_column_header(dom, cell) && !self.has_data_cell_in_cols(cell.x, cell.width)
            }
            _ => false,
        }
    }

    // An empty `td` does not count as a data cell here: HTML counts it, so an empty corner
    // `<td></td>` would strip both axes of headers, but browsers (and people) still read
    // the first row and column of such a table as headers. Rules must not fail that table.
    fn has_data_cell_in_rows(&self, y: usize, height: usize) -> bool {
        (y..y + height).any(|y| self.row_has_data.get(y).copied().unwrap_or(false))
    }

    fn has_data_cell_in_cols(&self, x: usize, width: usize) -> bool {
        (x..x + width).any(|x| self.col_has_data.get(x).copied().unwrap_or(false))
    }

    fn is_data_cell_at(&self, x: usize, y: usize) -> bool {
        self.cell_at(x, y).is_some_and(|c| !c.header && !c.empty)
    }

    /// The header cells assigned to `cell` (HTML's "algorithm for assigning header cells"):
    /// those its `headers` attribute names when it has one, else those the implicit scan
    /// finds to its left and above, plus row-group headers of its group.
    pub fn headers_of(&self, dom: &Dom, cell: &Cell) -> Vec<NodeId> {
        let mut out = Vec::new();
        let el = dom.element(cell.id);
        if let Some(ids) = el.and_then(|e| e.attr("headers")) {
            for token in ids.split_ascii_whitespace() {
                if let Some(h) = self.header_by_id(dom, cell.id, token)
                    && h != cell.id
                    && !out.contains(&h)
                {
                    out.push(h);
                }
            }
            return out;
        }
        for y in cell.y..cell.y + cell.height {
            self.scan(dom, cell, cell.x, y, Direction::Left, &mut out);
        }
        for x in cell.x..cell.x + cell.width {
            self.scan(dom, cell, x, cell.y, Direction::Up, &mut out);
        }
        // Row-group headers head the cells of their group at or below and to their right.
        for h in &self.cells {
            if h.header
                && h.id != cell.id
                && h.group == cell.group
                && h.scope == Scope::RowGroup
                && h.y <= cell.y
                && h.x <= cell.x
                && !out.contains(&h.id)
            {
                out.push(h.id);
            }
        }
        out
    }

    /// The element `token` names in `cell`'s tree, if it is a cell of this table (any `th`
    /// or `td`; HTML lets a `td` head other cells through `headers`).
    pub fn header_by_id(&self, dom: &Dom, scope: NodeId, token: &str) -> Option<NodeId> {
        let target = dom.element_by_id(scope, token)?;
        self.cell(target).map(|c| c.id)
    }

    /// HTML's "internal algorithm for scanning and assigning header cells".
    fn scan(
        &self,
        dom: &Dom,
        principal: &Cell,
        x: usize,
        y: usize,
        dir: Direction,
        out: &mut Vec<NodeId>,
    ) {
        let mut opaque: Vec<Cell> = Vec::new();
        let mut in_header_block = principal.header;
        let mut block: Vec<Cell> = if principal.header {
            vec![*principal]
        } else {
            Vec::new()
        };
        let (mut x, mut y) = (x, y);
        loop {
            match dir {
                Direction::Left if x > 0 => x -= 1,
                Direction::Up if y > 0 => y -= 1,
                _ => break,
            }
            let Some(current) = self.cell_at(x, y).copied() else {
                continue;
            };
            if current.id == principal.id {
                continue;
            }
            if current.header {
                in_header_block = true;
                block.push(current);
                let blocked = match dir {
                    Direction::Up => {
                        opaque
                            .iter()
                            .any(|o| o.x == current.x && o.width == current.width)
                            || !self.is_column_header(dom, &current)
                    }
                    Direction::Left => {
                        opaque
                            .iter()
                            .any(|o| o.y == current.y && o.height == current.height)
                            || !self.is_row_header(dom, &current)
                    }
                };
                if !blocked && !out.contains(&current.id) {
                    out.push(current.id);
                }
            } else if in_header_block {
                in_header_block = false;
                opaque.append(&mut block);
            }
        }
    }

    /// The data cells (`td`) that have `header` among their assigned headers, in tree order.
    pub fn cells_headed_by(&self, dom: &Dom, header: NodeId) -> &[NodeId] {
        self.headed
            .get_or_init(|| {
                let mut headed: HashMap<NodeId, Vec<NodeId>> = HashMap::new();
                for cell in self.cells.iter().filter(|c| !c.header) {
                    // `headers_of` lists each header once.
                    for h in self.headers_of(dom, cell) {
                        headed.entry(h).or_default().push(cell.id);
                    }
                }
                headed
            })
            .get(&header)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }
}

#[derive(Clone, Copy)]
enum Direction {
    Left,
    Up,
}

/// An element's text children are all blank (its text content is, when it has no child
/// elements), without building the text.
fn only_blank_text(el: ElementRef) -> bool {
    el.dom.children(el.id).all(|c| match &el.dom.node(c).data {
        NodeData::Text { text } => text.trim().is_empty(),
        _ => true,
    })
}

/// HTML's rules for parsing a non-negative span: digits after optional whitespace, else
/// the default; clamped to `max`.
fn span(value: Option<&str>, default: usize, max: usize) -> usize {
    let Some(v) = value else { return default };
    let digits: String = v
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    match digits.parse::<usize>() {
        Ok(n) => n.min(max),
        Err(_) if digits.is_empty() => default,
        Err(_) => max,
    }
}

/// The nearest `<table>` whose own grid holds `cell` (a nested table's cells belong to it).
pub fn table_of(dom: &Dom, cell: NodeId) -> Option<NodeId> {
    let el = dom.element(cell)?;
    let row = el.parent_element().filter(|p| p.is("tr"))?;
    let up = row.parent_element()?;
    let table = if up.is("table") {
        up
    } else if up.is("thead") || up.is("tbody") || up.is("tfoot") {
        up.parent_element().filter(|t| t.is("table"))?
    } else {
        return None;
    };
    Some(table.id)
}

/// Whether a `<table>` is exposed as a table to assistive technology: role table, grid or
/// treegrid (not presentational), and not hidden. The table rules apply to these only.
pub fn is_exposed_table(page: &super::PageA11y, table: ElementRef) -> bool {
    table.is("table")
        && matches!(page.role(table), Some("table" | "grid" | "treegrid"))
        && !page.is_hidden(table.id)
}
