/// Every declaration of and reference to a name in a loaded plan, and every
/// date as written, with where each sits: what go-to-definition, references,
/// rename, hover and semantic tokens look things up in.
///
/// It walks the syntax trees (includes too), so a new clause that holds an
/// `Identifier` or a `DateExpr` needs one line in `walk` to be found.
///
///     let index = SymbolIndex(loaded: checked.loaded, model: checked.model)
///     index.occurrence(in: file, at: offset)   // workstream "EFD", a reference
struct SymbolIndex {
    /// A measure and an action may share an id (ids are unique within their
    /// kind): they are two kinds here, so a name is always one entity.
    enum Kind: String, Sendable, Hashable {
        case workstream, comparator, lead, section, measure, action
        /// A `signoff` board: never declared, but named alike across the plan.
        case board

        var noun: String { rawValue }

        init(_ kind: Item.Kind) { self = kind == .measure ? .measure : .action }

        /// Kinds a `links` id may name (an item, a section or a workstream):
        /// no two entries of these kinds may take one name by a rename.
        var isLinkable: Bool {
            switch self {
            case .measure, .action, .section, .workstream: true
            default: false
            }
        }
    }

    struct Occurrence: Sendable, Hashable {
        var kind: Kind
        var name: String
        var location: Location
        var isDeclaration: Bool
        var style: Style

        /// How the name is written at this place, for rename.
        enum Style: Sendable, Hashable {
            /// As is: an id in a plan, an unquoted CSV cell.
            case bare
            /// A plan string (a lead's name): the span includes the quotes.
            case planString
            /// A quoted CSV cell: the span includes the quotes.
            case csvQuoted
            /// A workbook sheet's cell: not text an editor can change.
            case sheetCell
        }

        /// A lead's name, a string.
        var quoted: Bool { style == .planString }
    }

    /// A date as written, or a deadline word (`ongoing`, `within 3 months`).
    struct DateOccurrence: Sendable, Hashable {
        enum Form: Sendable, Hashable {
            case date(DateExpr, asStart: Bool)
            case deadline(Deadline)
        }
        var form: Form
        var location: Location
    }

    /// A path in quotes: `include "x.plan"` or `data "x.csv"`.
    struct PathOccurrence: Sendable, Hashable {
        var path: String
        var location: Location
    }

    private(set) var occurrences: [Occurrence] = []
    private(set) var dates: [DateOccurrence] = []
    private(set) var paths: [PathOccurrence] = []

    /// `sources` are the plan's with its data files after them
    /// (`CheckedPlan.sources`); `data.references` are where the data files
    /// name ids, as the loader read them (a check with `recordingReferences`).
    init(loaded: LoadedPlan, model: PlanModel, data: DataSet, sources: SourceSet) {
        let itemIndex = model.makeItemIndex()
        let context = Context(model: model, itemIndex: itemIndex, twins: model.makeTwins(index: itemIndex),
                              sectionIDs: Set(model.sections.map(\.id)),
                              workstreamIDs: Set(model.workstreams.map(\.id)),
                              comparatorIDs: Set(model.comparators.map(\.id)))
        for (file, tree) in loaded.trees.sorted(by: { $0.key.index < $1.key.index }) {
            let name = loaded.sources[file].name
            for entry in tree.entries {
                walk(entry, file: file, fileName: name, context)
            }
        }
        // The data files' id and series cells, and a tidy file's clauses.
        var seen = Set<Occurrence>()
        for reference in data.references {
            let kind: Kind
            let name: String
            switch reference.target {
            case .item(let i):
                guard i < model.items.count else { continue }
                kind = Kind(model.items[i].kind)
                name = model.items[i].id
            case .comparator(let c):
                kind = .comparator
                name = c
            }
            let file = reference.location.file
            let source = sources[file]
            let style: Occurrence.Style = loaded.trees[file] != nil ? .bare
                : source.namesCells ? .sheetCell
                : reference.location.span.length > 0 && source.bytes[reference.location.span.start] == UInt8(ascii: "\"") ? .csvQuoted
                : .bare
            let occurrence = Occurrence(kind: kind, name: name, location: reference.location, isDeclaration: false, style: style)
            if seen.insert(occurrence).inserted { occurrences.append(occurrence) }
        }
    }

    /// What `walk` looks names up in.
    struct Context {
        var model: PlanModel
        var itemIndex: [String: Int]
        var twins: [Int: Int]
        var sectionIDs: Set<String>
        var workstreamIDs: Set<String>
        var comparatorIDs: Set<String>

        /// The kind of the item `name` names where any item will do (a
        /// `links` id): the first declared with it, as the loader's index has it.
        func itemKind(_ name: String) -> Kind? { itemIndex[name].map { Kind(model.items[$0].kind) } }
    }

    private mutating func add(_ kind: Kind, _ id: Identifier, _ file: FileID, declaration: Bool = false) {
        occurrences.append(Occurrence(kind: kind, name: id.name, location: Location(file: file, span: id.span),
                                      isDeclaration: declaration, style: .bare))
    }

    private mutating func addLead(_ name: TextLiteral, _ file: FileID, declaration: Bool = false) {
        occurrences.append(Occurrence(kind: .lead, name: name.value, location: Location(file: file, span: name.span),
                                      isDeclaration: declaration, style: .planString))
    }

    private mutating func addDate(_ expr: DateExpr, _ file: FileID, asStart: Bool = false) {
        dates.append(DateOccurrence(form: .date(expr, asStart: asStart), location: Location(file: file, span: expr.span)))
    }

    private mutating func addDeadline(_ deadline: Deadline, _ file: FileID) {
        switch deadline {
        case .by(let expr):
            addDate(expr, file)
        case .recurring(_, let from?, _):
            // The `from` date first: a look-up finds the innermost.
            addDate(from, file, asStart: true)
            fallthrough
        default:
            dates.append(DateOccurrence(form: .deadline(deadline), location: Location(file: file, span: deadline.span)))
        }
    }

    private mutating func walk(_ entry: Entry, file: FileID, fileName: String, _ context: Context) {
        let comparatorIDs = context.comparatorIDs
        switch entry.kind {
        case .workstream: if let id = entry.id { add(.workstream, id, file, declaration: true) }
        case .comparator: if let id = entry.id { add(.comparator, id, file, declaration: true) }
        case .section: if let id = entry.id { add(.section, id, file, declaration: true) }
        case .measure: if let id = entry.id { add(.measure, id, file, declaration: true) }
        case .action: if let id = entry.id { add(.action, id, file, declaration: true) }
        case .lead: if let name = entry.title { addLead(name, file, declaration: true) }
        case .data:
            // `data ID` rows: the item each row's value goes to, as the loader
            // routes an id a measure and an action share (a status to the
            // action, a number to the measure).
            if let id = entry.id {
                if let first = context.itemIndex[id.name] {
                    var kinds = Set(entry.rows.map { Kind(context.model.items[context.model.route(first, $0.value, twins: context.twins)].kind) })
                    if kinds.isEmpty { kinds = [Kind(context.model.items[first].kind)] }
                    for kind in [Kind.measure, .action] where kinds.contains(kind) { add(kind, id, file) }
                } else {
                    add(.measure, id, file)
                }
            }
            if let path = entry.title {
                paths.append(PathOccurrence(path: Path.join(Path.directory(of: fileName), path.value),
                                            location: Location(file: file, span: path.span)))
            }
        case .include:
            if let path = entry.title {
                paths.append(PathOccurrence(path: Path.join(Path.directory(of: fileName), path.value),
                                            location: Location(file: file, span: path.span)))
            }
        case .plan: break
        }
        for row in entry.rows {
            addDate(row.date, file)
            if let series = row.series, comparatorIDs.contains(series.name) { add(.comparator, series, file) }
        }
        for clause in entry.clauses {
            switch clause.kind {
            case .workstream(let id): add(.workstream, id, file)
            case .partOf(let id): add(.section, id, file)
            case .links(let ids):
                // As the checker reads them: an item first, then a section, then a workstream.
                for id in ids {
                    let kind: Kind = context.itemKind(id.name)
                        ?? (context.sectionIDs.contains(id.name) ? .section
                            : context.workstreamIDs.contains(id.name) ? .workstream : .measure)
                    add(kind, id, file)
                }
            case .lead(let names): for name in names { addLead(name, file) }
            case .signoff(let list):
                for signoff in list {
                    add(.board, signoff.board, file)
                    addDate(signoff.date, file)
                }
            case .target(let milestones):
                for milestone in milestones {
                    switch milestone.requirement {
                    case .inLineWith(let id), .within(_, let id): add(.comparator, id, file)
                    default: break
                    }
                    addDeadline(milestone.deadline, file)
                }
            case .period(let start, let end):
                addDate(start, file, asStart: true)
                addDate(end, file)
            case .timescale(let start, let end):
                addDate(start, file, asStart: true)
                addDate(end, file)
            case .baseline(_, let date): addDate(date, file)
            case .due(let deadline): addDeadline(deadline, file)
            case .done(let date): if let date { addDate(date, file) }
            case .progress(let date, _), .rag(let date, _, _): addDate(date, file)
            default: break
            }
        }
    }

    // MARK: Look-ups

    /// The name at `offset` in `file` (a span's end counts, so a cursor just
    /// after a word finds it).
    func occurrence(in file: FileID, at offset: Int) -> Occurrence? {
        occurrences.first { $0.location.file == file && $0.location.span.start <= offset && offset <= $0.location.span.end }
    }

    func date(in file: FileID, at offset: Int) -> DateOccurrence? {
        dates.first { $0.location.file == file && $0.location.span.start <= offset && offset <= $0.location.span.end }
    }

    func path(in file: FileID, at offset: Int) -> PathOccurrence? {
        paths.first { $0.location.file == file && $0.location.span.start <= offset && offset <= $0.location.span.end }
    }

    func declarations(of kind: Kind, _ name: String) -> [Occurrence] {
        occurrences.filter { $0.kind == kind && $0.name == name && $0.isDeclaration }
    }

    /// Every occurrence of the name, declarations included, in file and position order.
    func all(of kind: Kind, _ name: String) -> [Occurrence] {
        occurrences.filter { $0.kind == kind && $0.name == name }.sorted { $0.location < $1.location }
    }
}
