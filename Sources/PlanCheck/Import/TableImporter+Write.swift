/// Writing the plan: ids, then each entry, then the declarations they need,
/// then the whole file in `fmt` layout.
extension TableImporter {
    struct Context {
        var periodKnown: Bool
        var sectionIDs: [String]
        var sectionTitles: [String]
        var entryIDs: [String]
        var entryTitles: [String]
        var entryNotes: [String: String] = [:]
        var idComments: [Int: String] = [:]
        var links: [Int: String] = [:]
        /// Entries whose id was made up from their section and place.
        var madeUpIDs = 0
        /// When the refs restart in each section (a, b under 1; a, b under 2):
        /// the first id made of a section's and a ref (`1a`).
        var restartedID: String?
    }

    // MARK: Ids

    mutating func assignIDs() -> Context {
        var sectionIDs: [String] = []
        var sectionTitles: [String] = []
        var used = Set<String>()
        for (n, section) in sections.enumerated() {
            var title = section.title.joined(separator: " ")
            var id = ""
            if !section.ref.isEmpty {
                id = Self.isID(section.ref) ? section.ref : Self.slug(section.ref)
            } else if sectionsNumbered, let lead = Self.leadingID(title) {
                id = lead.id
                title = lead.rest
            }
            if id.isEmpty { id = String(n + 1) }
            var unique = id
            var k = 0
            while used.contains(unique) {
                unique = id + "-" + Self.letters(k)
                k += 1
            }
            used.insert(unique)
            sectionIDs.append(unique)
            sectionTitles.append(title.isEmpty ? section.ref : title)
        }
        var context = Context(periodKnown: false, sectionIDs: sectionIDs, sectionTitles: sectionTitles, entryIDs: [], entryTitles: [])
        let entryCol = entryColumn!
        let refCol = column(.entryRef)
        var usedEntries = Set<String>()
        var firstWithRef: [String: Int] = [:]
        let restarts = refsRestart()
        var positionInSection: [Int: Int] = [:]
        for (i, entry) in entries.enumerated() {
            let key = entry.section ?? -1
            positionInSection[key, default: 0] += 1
            var title = entry.cells[entryCol].joined(separator: " ")
            var id = ""
            let ref = refCol.map { entry.cells[$0].joined(separator: " ") } ?? ""
            let refNumber = ref.hasSuffix(".") ? String(ref.dropLast()) : ref
            if !ref.isEmpty, let lead = Self.leadingID(title), lead.id.hasPrefix(refNumber + "."), Self.isID(lead.id) {
                // "1." beside "1.1 Introduce a tracker": the ref is the
                // recommendation's number; the entry numbers itself.
                id = lead.id
                title = lead.rest
            } else if !ref.isEmpty, restarts, let s = entry.section {
                // "a" under recommendation 1 is 1a: not the "a" under 2.
                id = Self.composedID(section: sectionIDs[s], ref: ref)
                if context.restartedID == nil { context.restartedID = id }
            } else if !ref.isEmpty {
                if Self.isID(ref) {
                    id = ref
                } else {
                    id = Self.slug(ref)
                    context.idComments[i] = "TODO: the ref \(Self.excerpt(ref)) is not an id as it stands; written as \(id.isEmpty ? "a made-up id" : id)"
                }
            } else if entriesNumbered, let lead = Self.leadingID(title) {
                id = lead.id
                title = lead.rest
            }
            if let earlier = firstWithRef[id], !id.isEmpty {
                // The same ref under another section: its own id, linked to the first.
                let sectionID = entry.section.map { sectionIDs[$0] } ?? "row\(entry.line)"
                context.links[i] = context.entryIDs[earlier]
                context.idComments[i] = "The table gives ref \(id) again (first at \(grid.lineWord) \(entries[earlier].line)): id made unique, linked to it."
                id = id + "-" + sectionID
            } else if !id.isEmpty {
                firstWithRef[id] = i
            }
            if id.isEmpty, refCol == nil, entriesNumbered, let previous = context.entryIDs.last, i > 0,
               entries[i - 1].section == entry.section {
                // An unnumbered row in a numbered list: a sub-item of the row above.
                id = previous + "a"
                context.idComments[i] = "The row has no number: the id \(id) is made up from the row above."
            }
            if id.isEmpty {
                let base = entry.section.map { sectionIDs[$0] } ?? (entry.isAction ? "a" : "m")
                id = base + "-" + String(positionInSection[key]!)
                context.madeUpIDs += 1
            }
            var unique = id
            var k = 0
            while usedEntries.contains(unique) {
                unique = id + Self.letters(k)
                k += 1
            }
            usedEntries.insert(unique)
            context.entryIDs.append(unique)
            context.entryTitles.append(title)
        }
        return context
    }

    /// Whether the entries' refs restart in each section (`a, b` under
    /// recommendation 1, `a, b` under 2): refs repeat across sections, never
    /// within one, and every section's first ref is the same.
    func refsRestart() -> Bool {
        guard let refCol = column(.entryRef), sections.count >= 2 else { return false }
        var seen = Set<String>()
        var repeated = false
        var firsts = Set<String>()
        var numbered = 0
        for section in sections {
            let refs = section.entries.map { entries[$0].cells[refCol].joined(separator: " ") }.filter { !$0.isEmpty }
            guard let first = refs.first else { continue }
            if Set(refs).count != refs.count { return false }
            if refs.contains(where: seen.contains) { repeated = true }
            seen.formUnion(refs)
            firsts.insert(first)
            numbered += 1
        }
        return repeated && numbered >= 2 && firsts.count == 1
    }

    /// A section's id and a ref that restarts in each section, as the plan
    /// language spells such ids: `1` and `a` are `1a`, `1` and `2` are `1.2`,
    /// `A` and `1` are `A1`, `front-door` and `a` are `front-door-a`.
    static func composedID(section: String, ref: String) -> String {
        var ref = ref
        while let c = ref.last, c == "." || c == ")" { ref.removeLast() }
        while ref.first == "(" { ref.removeFirst() }
        ref = isID(ref) ? ref : slug(ref)
        guard let last = section.unicodeScalars.last, let first = ref.unicodeScalars.first else { return section + ref }
        func digit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }
        if digit(last) { return section + (digit(first) ? "." : "") + ref }
        if digit(first), section.count <= 3, !section.contains("-") { return section + ref }
        return section + "-" + ref
    }

    // MARK: One entry

    /// A lead the table names, with the role first given and any others.
    struct LeadDeclaration {
        var name: String
        var role: String?
        var otherRoles: [String] = []
    }

    func write(entry index: Int, context: Context, leads: inout [LeadDeclaration],
               workstreams: inout [(String, String)], comparators: inout [(String, String)]) -> Written {
        let entry = entries[index]
        let id = context.entryIDs[index]
        var title = context.entryTitles[index]
        var out = Written(header: "")
        func todo(_ text: String) {
            out.comments.append("TODO: " + text)
            out.todos += 1
        }
        /// Where a cell is in a workbook, for a TODO about it: ` (Plan!D9)`
        /// (a cell carried down from a merged one names that one). A text
        /// table's cells have no names; its TODO sits above the row's entry.
        func at(_ c: Column) -> String {
            grid.cellName(column: c.index, line: entry.origins[c.index] ?? entry.line).map { " (\($0))" } ?? ""
        }
        /// A number Excel would show as a date had its cell been formatted
        /// as one (45565 is 30 September 2024): said, never read as a date.
        func serialHint(_ text: String) -> String {
            guard text.count == 5, text.allSatisfy({ $0.isASCII && $0.isNumber }), let serial = Int(text),
                  (36_526...73_050).contains(serial),  // 2000 to 2099
                  let (y, m, d) = CellText.serialDate(Double(serial), date1904: grid.date1904) else { return "" }
            return "; it looks like an Excel date serial, \(d) \(Month.fullNames[m - 1]) \(y), in a cell not formatted as a date: "
                + "write the date, or format the cell as a date"
        }
        if let comment = context.idComments[index] {
            out.comments.append(comment)
            if comment.hasPrefix("TODO") { out.todos += 1 }
        }
        if title.isEmpty {
            title = "(no title in the table)"
            let place = entryColumn.flatMap { grid.cellName(column: $0, line: entry.line) }.map { " (\($0))" } ?? ""
            todo("the row at \(grid.lineWord) \(entry.line)\(place) has no \(entry.isAction ? "action" : "measure") wording; give it a title")
        }
        out.header = "\(entry.isAction ? "action" : "measure") \(id) \(Self.quoted(title))"

        func cell(_ c: Column) -> String { entry.cells[c.index].joined(separator: " ") }
        var clauses: [String: [String]] = [:]
        func add(_ key: String, _ text: String) { clauses[key, default: []].append(text) }

        // Workstream, evidence.
        for c in columns where c.role == .workstream {
            let text = cell(c)
            guard !text.isEmpty else { continue }
            let wid = Self.isID(text) ? text : Self.slug(text)
            if wid.isEmpty {
                todo("workstream \(Self.excerpt(text))\(at(c)) is not read")
            } else {
                if !workstreams.contains(where: { $0.0 == wid }) { workstreams.append((wid, text)) }
                add("workstream", "workstream \(wid)")
            }
        }
        let kindText = columns.first { $0.role == .evidenceKind }.map(cell) ?? ""
        let sourceText = columns.first { $0.role == .evidenceSource }.map(cell) ?? ""
        if let kind = Self.evidenceKind(kindText) {
            add("evidence", "evidence \(kind)" + (sourceText.isEmpty ? "" : " " + Self.quoted(sourceText)))
        } else {
            if !kindText.isEmpty { out.comments.append("\(headerOf(.evidenceKind)): \(kindText)") }
            if !sourceText.isEmpty { out.comments.append("\(headerOf(.evidenceSource)): \(sourceText)") }
        }

        // Leads.
        for c in columns where c.role == .lead {
            // Each line of the cell is a lead of its own ("Jane Smith⏎John
            // Brown"), but a line in brackets qualifies the one above.
            var lines: [String] = []
            for line in entry.cells[c.index] {
                if line.hasPrefix("("), let last = lines.popLast() { lines.append(last + " " + line) } else { lines.append(line) }
            }
            let names = Self.leads(lines.joined(separator: "; "))
            guard !names.isEmpty else { continue }
            for (name, role) in names {
                guard let k = leads.firstIndex(where: { $0.name == name }) else {
                    leads.append(LeadDeclaration(name: name, role: role))
                    continue
                }
                // A lead declares one role, the first given; another is kept
                // to be said at the declaration, not dropped.
                if leads[k].role == nil {
                    leads[k].role = role
                } else if let role, role != leads[k].role, !leads[k].otherRoles.contains(role) {
                    leads[k].otherRoles.append(role)
                }
            }
            var seen: [String] = []
            for (name, _) in names where !seen.contains(name) { seen.append(name) }
            add("lead", "lead " + seen.map(Self.quoted).joined(separator: ", "))
        }

        if let link = context.links[index] { add("links", "links \(link)") }

        // Polarity.
        var polarity: String?
        for c in columns where c.role == .polarity {
            let text = cell(c)
            guard !text.isEmpty else { continue }
            if let p = Self.polarity(text) {
                polarity = p
                add("polarity", "polarity \(p)")
            } else {
                todo("polarity \(Self.excerpt(text))\(at(c)) is not read (higher or lower?)")
            }
        }

        // Baseline.
        for c in columns where c.role == .baseline {
            let text = cell(c)
            guard !text.isEmpty else { continue }
            if let (value, date) = Self.valueAndDate(text, header: c.header) {
                add("baseline", "baseline \(value) at \(date)")
            } else {
                todo("baseline \(Self.excerpt(text))\(at(c)) is not read (a value and the date it is at)")
            }
        }

        // Comparator values: inline data for the entry.
        for c in columns {
            guard case .comparator(let cid, let ctitle) = c.role else { continue }
            let text = cell(c)
            guard !text.isEmpty else { continue }
            if let (value, date) = Self.valueAndDate(text, header: c.header) {
                if !comparators.contains(where: { $0.0 == cid }) { comparators.append((cid, ctitle)) }
                out.data.append("\(date) \(value) \(cid)")
            } else {
                todo("\(c.header) value \(Self.excerpt(text))\(at(c)) is not read (a value, and a date in the cell or the header)")
            }
        }

        // The deadline: the timescale column, the criteria's own words, a sign-off date.
        var criteriaColumns = columns.filter { $0.role == .criteria }
        // Beside a Target column, what the success measure counts is the
        // note's, not a target; it is read as the criteria only where the
        // Target cell is blank, as it would be with no Target column.
        let measuredColumn = columns.first { $0.role == .successMeasure }
        var measured = measuredColumn.map(cell) ?? ""
        if let measuredColumn, !measured.isEmpty, criteriaColumns.allSatisfy({ entry.cells[$0.index].isEmpty }) {
            criteriaColumns = [measuredColumn]
            measured = ""
        }
        // The criteria's paragraphs, without the entry's own number in front ("1.1 Audits will ...").
        let paragraphs = criteriaColumns.flatMap { c -> [String] in
            var paragraphs = entry.cells[c.index]
            if let first = paragraphs.first, let lead = Self.leadingID(first), lead.id == id { paragraphs[0] = lead.rest }
            return paragraphs
        }
        let criteria = paragraphs.joined(separator: " ")
        var deadline: Due?
        var deadlineSource = ""
        /// The timescale column that gave `deadline`, if one did.
        var deadlineColumn: String?
        for c in columns where c.role == .timescale {
            let text = cell(c)
            guard !text.isEmpty, deadline == nil else { continue }
            if let t = DatePhrase.timescale(text) {
                deadline = Due(timescale: t)
                deadlineSource = c.header
                deadlineColumn = c.header
            } else {
                todo("timescale \(Self.excerpt(text))\(at(c)) is not read as a date" + serialHint(text))
                deadlineSource = "unread"
            }
        }
        if deadline == nil, deadlineSource.isEmpty, !criteria.isEmpty {
            let (found, words) = Self.deadline(inCriteria: criteria)
            if let found {
                deadline = found
                deadlineSource = "criteria"
            } else if !words.isEmpty {
                todo("several timescales in the criteria, not read: " + words.map { "\"\($0)\"" }.joined(separator: ", "))
                deadlineSource = "unread"
            }
        }
        // "Target 2013/14", "Target (March 2014)": the criteria column's heading dates its targets.
        if deadline == nil, deadlineSource.isEmpty, !criteria.isEmpty,
           let header = criteriaColumns.first?.header, let date = Self.headerDate(header),
           let t = DatePhrase.timescale(date), t.isDate {
            deadline = Due(timescale: t)
            deadlineSource = header
            out.deadlineFrom = "the date in the heading " + header
        }
        var signoffs: [String] = []
        for c in columns {
            guard case .signoff(let board) = c.role else { continue }
            let text = cell(c)
            guard !text.isEmpty else { continue }
            if let t = DatePhrase.timescale(text), t.isDate, case .deadline(let date) = t, Self.isID(board) {
                signoffs.append("\(board) by \(date)")
                if deadline == nil, deadlineSource.isEmpty {
                    deadline = Due(timescale: t)
                    deadlineSource = c.header
                    out.deadlineFrom = "its " + c.header + " date"
                }
            } else {
                todo("\(c.header) \(Self.excerpt(text))\(at(c)) is not read as a date" + serialHint(text))
            }
        }
        if let d = deadline, d.needsPeriod { out.needsPeriod = true }
        if let d = deadline, d.needsPeriod, !context.periodKnown {
            todo("the timescale \"\(d.timescale.deadline)\" needs the plan's period, which the table does not give (give it with `plancheck import --period`)")
            deadline = nil
        }
        let signoffNeedsPeriod = signoffs.contains { Month.number(String($0.split(separator: " ").last ?? "")) != nil }
        if signoffNeedsPeriod { out.needsPeriod = true }
        if !signoffs.isEmpty {
            if signoffNeedsPeriod && !context.periodKnown {
                todo("sign-off dates (\(signoffs.joined(separator: ", "))) need the plan's period, which the table does not give")
            } else {
                add("signoff", "signoff " + signoffs.joined(separator: ", "))
            }
        }
        if entry.isAction {
            if let d = deadline {
                add("due", d.dueClause)
                out.deadlines += 1
            } else if deadlineSource.isEmpty {
                if let c = columns.first(where: { $0.role == .timescale }) {
                    let unread = grid.unreadable.contains(CellReference(column: c.index, row: entry.line))
                    todo("no timescale: the \(c.header) cell\(at(c)) " + (unread ? "could not be read (see above)" : "is blank"))
                } else {
                    todo("no timescale: the table has no timescale column and the criteria name none")
                }
            }
            let complete = Words(criteria)
            for i in 0..<complete.count where ["complete", "completed"].contains(complete.lower(i))
                && (i == 0 || complete.isBoundary(i - 1)) && complete.isBoundary(i + 1) {
                todo("the table says \"\(complete[i]!.text)\" but gives no date: add `done DATE`")
                break
            }
        }

        // Targets.
        if !criteria.isEmpty {
            let all = Criterion.read(paragraphs: paragraphs)
            let found = Criterion.targets(all)
            var written = false
            for f in found {
                var requirement = f.requirement
                if f.kind == .duration, !Self.measuresATime(title) {
                    // "within 5 working days" on a measure that is no length
                    // of time ("% children seen within 5 working days"), or on
                    // an action: the standard cases are counted against (the
                    // spec's event-relative criteria), whose target is the
                    // percentage that meets it, never a duration target.
                    let first = ColumnRole.words(f.sentenceText).first ?? ""
                    guard ["all", "every"].contains(first), !entry.isAction, !written else {
                        todo("\(Self.excerpt(f.sentenceText)) sets a standard (\"\(f.words)\"), not a target: the target is the "
                             + "percentage that meets it, which the table does not give (write `target >= N%`)")
                        continue
                    }
                    todo("\(Self.excerpt(f.sentenceText)) is read as 100% meeting the standard (\"\(f.words)\"), as the table gives "
                         + "no percentage: confirm `= 100%`, or write the percentage meant")
                    requirement = "= 100%"
                }
                if f.kind == .share, !requirement.hasPrefix("="), polarity == nil,
                   Self.shareOfAnAim(f.sentenceText) {
                    // "Target is that 90% of children will be seen within 10
                    // days": the share that meets an aim, at least that many.
                    requirement = ">= " + requirement.dropFirst(3)
                } else if f.kind == .share, !requirement.hasPrefix("=") {
                    // "10% agency staff", "20% of referrals are re-referrals":
                    // no word says which way is better, so only a polarity does.
                    guard let polarity else {
                        todo("\(Self.excerpt(f.sentenceText)) gives a share but not which way is better: add a polarity, or write >= or <=")
                        // It was the target: a figure after it is no target in its place.
                        written = true
                        continue
                    }
                    requirement = (polarity == "higher" ? ">= " : "<= ") + requirement.dropFirst(3)
                }
                if f.kind == .bareLevel {
                    guard let polarity else {
                        todo("\(Self.excerpt(f.words)) gives a level but no direction: add a polarity, or write >= or <=")
                        written = true
                        continue
                    }
                    requirement = (polarity == "higher" ? ">= " : "<= ") + f.requirement
                }
                if written {
                    todo("a further figure, not written as a target: \(Self.excerpt(f.words))")
                    continue
                }
                if let unread = f.unread {
                    todo("\(Self.excerpt(f.words)) comes with words not read: \(Self.excerpt(unread))")
                    written = true
                    continue
                }
                if let recurrence = f.recurrence {
                    add("target", "target \(requirement) \(recurrence)")
                    out.targets += 1
                    written = true
                    // Every period must meet it: a Timescale date is not its
                    // deadline, and is not dropped without a word.
                    if !recurrence.contains(" from "), let d = deadline, d.timescale.isDate, !entry.isAction {
                        todo("`\(requirement) \(recurrence)` is judged every period; the timescale \(d.timescale.deadline) is not used (write `from DATE` if that is when it starts)")
                    }
                    continue
                }
                if let own = f.deadline.flatMap(DatePhrase.timescale), own.isDate {
                    // The criterion's own date ("from 45% to 60% by March 2014") is the target's.
                    let d = Due(timescale: own)
                    if d.needsPeriod { out.needsPeriod = true }
                    if !d.needsPeriod || context.periodKnown {
                        add("target", "target \(requirement) \(d.targetText)")
                        out.targets += 1
                        // A measure's Due date that is not the target's own is
                        // not dropped without a word (an action's is its `due`).
                        if !entry.isAction, let column = deadlineColumn, let other = deadline, other.timescale.isDate,
                           !Self.sameDate(other.timescale.deadline, own.deadline) {
                            todo("the \(column) column's \(other.timescale.deadline) is not used: the target's own words give "
                                 + "\(own.deadline); add a milestone for \(other.timescale.deadline) if one is meant")
                        }
                    } else {
                        // Not the Timescale column's date in its place.
                        todo("target `\(requirement)` is due \(Self.excerpt(f.deadline ?? "")), which needs the plan's period: give --period")
                    }
                    written = true
                    continue
                }
                guard let d = deadline else {
                    todo("target `\(requirement)` (from \(Self.excerpt(f.words))) has no timescale to give it")
                    written = true
                    continue
                }
                add("target", "target \(requirement) \(d.targetText)")
                out.targets += 1
                written = true
            }
            if found.isEmpty {
                todo("no numeric target in \(Self.excerpt(criteria))")
            } else {
                for sentence in Criterion.unreadFigures(paragraphs: paragraphs, found: all) {
                    todo("a further figure, not read: \(Self.excerpt(sentence))")
                }
            }
        }
        if let measuredColumn, !measured.isEmpty, let target = criteriaColumns.first, !criteria.isEmpty {
            add("note", "note " + Self.quoted("\(measuredColumn.header): \(measured); \(target.header): \(criteria)"))
        } else if !measured.isEmpty || !criteria.isEmpty {
            add("note", "note " + Self.quoted(criteria.isEmpty ? measured : criteria))
        }

        // A baseline written as a plain number beside a percentage target is a
        // count to the checker; which one the table meant is not guessed.
        if let targets = clauses["target"],
           targets.contains(where: { $0.contains("%") && !$0.contains("increase by") && !$0.contains("decrease by") }),
           let baselines = clauses["baseline"], baselines.contains(where: { !$0.contains("%") }) {
            for b in baselines where !b.contains("%") { todo("\(b) is a plain number but the target is a percentage: which is meant?") }
            clauses["baseline"] = baselines.filter { $0.contains("%") }
        }

        // When an action was done: `done DATE`. A cell that says it is done
        // but not when is a TODO (`done` needs its date), as is a measure's.
        for c in columns where c.role == .completed {
            let text = cell(c)
            guard !text.isEmpty else { continue }
            if entry.isAction, let t = DatePhrase.timescale(text), t.isDate, case .deadline(let date) = t {
                add("done", "done \(date)")
            } else if entry.isAction, ["yes", "y", "done", "complete", "completed", "achieved"].contains(text.lowercased()) {
                todo("\(c.header) \(Self.excerpt(text))\(at(c)) gives no date: `done` needs the date it was done")
            } else if ["n/a", "no", "-", "tbc", "not yet", "ongoing", "in progress"].contains(text.lowercased()) {
                continue
            } else {
                todo("\(c.header) \(Self.excerpt(text))\(at(c)) is not read as " + (entry.isAction ? "a date" : "an action's completion date")
                     + serialHint(text))
                out.comments.append("\(c.header): \(text)")
            }
        }

        // Progress and RAG.
        for c in columns where c.role == .progress {
            var items: [(String, String)] = []
            var undated: [String] = []
            for paragraph in entry.cells[c.index] {
                if let (date, text) = CommentaryCell.dated(paragraph) {
                    items.append((date, text))
                } else if !items.isEmpty {
                    items[items.count - 1].1 += (items[items.count - 1].1.isEmpty ? "" : " ") + paragraph
                } else {
                    undated.append(paragraph)
                }
            }
            if !undated.isEmpty {
                if let date = Self.headerDate(c.header) {
                    items.insert((date, undated.joined(separator: " ")), at: 0)
                } else {
                    todo("progress\(at(c)) with no date: \(Self.excerpt(undated.joined(separator: " ")))")
                    out.comments.append("\(c.header): \(undated.joined(separator: " "))")
                }
            }
            for (date, text) in items { add("progress", "progress \(date) \(Self.quoted(text))") }
        }
        for c in columns where c.role == .rag {
            let text = cell(c)
            guard !text.isEmpty else { continue }
            var date = Self.headerDate(c.header)
            var rest = text
            if let (d, r) = CommentaryCell.dated(text) {
                date = d
                rest = r
            }
            guard let (rating, reason) = CommentaryCell.rag(rest) else {
                todo("\(c.header) \(Self.excerpt(text))\(at(c)) is not read as red, amber or green")
                continue
            }
            guard let date else {
                todo("\(c.header) \(Self.excerpt(text))\(at(c)) has no date (the header or the cell must give one)")
                continue
            }
            add("rag", "rag \(date) \(rating)" + (reason.isEmpty ? "" : " " + Self.quoted(reason)))
        }

        // Columns not recognised: kept as comments.
        for c in columns where c.role == nil && !c.header.isEmpty {
            let text = cell(c)
            if !text.isEmpty { out.comments.append("\(c.header): \(text)") }
        }
        // Carried-down cells are marked so the analyst can see them.
        for key in ["workstream", "lead", "evidence", "polarity", "baseline", "links", "due", "done", "target", "signoff",
                    "progress", "rag", "note"] {
            out.clauses.append(contentsOf: clauses[key] ?? [])
        }
        return out
    }

    /// Whether two dates as written are the same day (`30/09/2024` and
    /// `September 2024`); dates placed by the period compare as written.
    static func sameDate(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        guard let fa = DatePhrase.form(a), let fb = DatePhrase.form(b),
              case .success(let da) = DateResolution.resolve(fa, written: a, period: nil),
              case .success(let db) = DateResolution.resolve(fb, written: b, period: nil) else { return false }
        return da == db
    }

    /// A share stated as an aim met ("Target is that 90% of children will be
    /// seen within 10 days", "90% of elected members are trained", "70%
    /// permanent social workers"): at least that share. Not when the words
    /// name something a plan wants fewer of (re-referrals, agency staff,
    /// moves, plans open longer than two years): those stay a TODO.
    static func shareOfAnAim(_ sentence: String) -> Bool {
        let text = " " + sentence.lowercased() + " "
        let fewer = ["re-referr", "rereferr", "repeat", "agency", "move", "longer than", "more than", "over ", "overdue",
                     "out of timescale", "late", "vacanc", "turnover", "absen", "exclu", "missing", "second or subsequent",
                     "unallocated", "drift", "delay", "offend", "no further action", "b&b", "bed and breakfast", "caseload"]
        if fewer.contains(where: { text.contains($0) }) { return false }
        let aims = ["target is", "aim", " will ", " to be ", "should", " are ", " is ", "have been", "has been", "within",
                    "or less", "or fewer", "on time", "in timescale", "timely", "trained", " seen", "permanent",
                    "completed", "achieved", " meet"]
        return aims.contains { text.contains($0) }
    }

    /// A title that says the measure is a percentage: `% seen within 5 days`,
    /// "Percentage of ...", "Proportion of ...".
    static func isPercentage(_ title: String) -> Bool {
        let w = ColumnRole.HeaderWords(ColumnRole.words(title))
        return title.hasPrefix("%") || title.contains("% ") || w.hasAny(["percentage", "proportion", "percent", "per cent"])
    }

    /// A measure of a length of time ("Average working days to respond to a
    /// complaint", "Median hours from contact to decision"), of which a
    /// duration limit is the target. Not a percentage, nor a title that only
    /// names the standard ("Children seen within 5 working days").
    static func measuresATime(_ title: String) -> Bool {
        guard !isPercentage(title) else { return false }
        let w = ColumnRole.HeaderWords(ColumnRole.words(title))
        return w.hasAny(["average", "mean", "median", "avg", "time taken", "length of time", "duration", "how long",
                         "number of days", "number of working days", "days from", "days to", "days between",
                         "working days from", "working days to", "hours from", "hours to", "weeks from", "weeks to"])
    }

    func headerOf(_ role: ColumnRole) -> String {
        columns.first { $0.role == role }?.header ?? ""
    }

    // MARK: The period

    /// The UK financial year holding every dated month the table names, or nil
    /// when they span more than one (or there are none).
    func inferredPeriod() -> (text: String, named: [String])? {
        var years = Set<Int>()
        var named: [String] = []
        for row in grid.rows {
            for raw in row {
                let w = Words(CellCleaner.clean(raw))
                var i = 0
                while i < w.count {
                    if let d = DatePhrase.date(w, at: i) {
                        switch d.form {
                        case .day(let y, let m, _), .month(let y, let m):
                            years.insert(m >= 4 ? y : y - 1)
                            if !named.contains(d.text) { named.append(d.text) }
                        case .quarter(_, let start), .financialYear(let start):
                            years.insert(start)
                            if !named.contains(d.text) { named.append(d.text) }
                        case .bareMonth, .bareDay, .bareQuarter: break
                        }
                        i = d.end
                        continue
                    }
                    i += 1
                }
            }
        }
        guard years.count == 1, let start = years.first else { return nil }
        return ("April \(start) to March \(start + 1)", named)
    }
}
