/// Something an event loop can wake at a deadline.
protocol TimerTarget: AnyObject {
    /// The target's position in its loop's `TimerHeap`, or -1 when not scheduled. Maintained by
    /// the heap only.
    var timerHeapIndex: Int { get set }
    /// Called on the loop thread when the target's deadline has passed (it is no longer scheduled).
    func timerFired(now: UInt64)
}

/// A binary min-heap of deadlines with at most one entry per target, one heap per event loop.
///
/// Each target knows its index, so rescheduling moves the entry in place and cancelling removes it
/// (a closed connection leaves nothing behind). Connections reschedule lazily: they move their
/// entry only when the deadline becomes earlier; when a later deadline's entry fires early, they
/// check their real deadline and schedule again. So the common case — each request pushing the
/// idle deadline forward — costs no heap operation at all.
struct TimerHeap {
    private struct Entry {
        var deadline: UInt64
        var target: any TimerTarget
    }

    private var entries: [Entry] = []

    var isEmpty: Bool { entries.isEmpty }
    var count: Int { entries.count }

    /// The earliest deadline, if any.
    var nextDeadline: UInt64? { entries.first?.deadline }

    /// Schedules `target` at `deadline`, replacing its current deadline if it has one.
    mutating func schedule(_ target: any TimerTarget, at deadline: UInt64) {
        let index = target.timerHeapIndex
        if index >= 0 && index < entries.count && entries[index].target === target {
            let earlier = deadline < entries[index].deadline
            entries[index].deadline = deadline
            if earlier { siftUp(from: index) } else { siftDown(from: index) }
            return
        }
        entries.append(Entry(deadline: deadline, target: target))
        target.timerHeapIndex = entries.count - 1
        siftUp(from: entries.count - 1)
    }

    /// Removes `target`'s entry, if scheduled.
    mutating func cancel(_ target: any TimerTarget) {
        let index = target.timerHeapIndex
        guard index >= 0 && index < entries.count && entries[index].target === target else { return }
        remove(at: index)
    }

    /// Removes every target whose deadline is at or before `now` and appends it to `expired`.
    mutating func popExpired(now: UInt64, into expired: inout [any TimerTarget]) {
        while let first = entries.first, first.deadline <= now {
            expired.append(first.target)
            remove(at: 0)
        }
    }

    /// Drops every entry (loop shutdown).
    mutating func removeAll() {
        for entry in entries { entry.target.timerHeapIndex = -1 }
        entries.removeAll()
    }

    private mutating func remove(at index: Int) {
        entries[index].target.timerHeapIndex = -1
        let last = entries.removeLast()
        guard index < entries.count else { return }
        entries[index] = last
        last.target.timerHeapIndex = index
        siftDown(from: index)
        siftUp(from: index)
    }

    private mutating func swapEntries(_ a: Int, _ b: Int) {
        entries.swapAt(a, b)
        entries[a].target.timerHeapIndex = a
        entries[b].target.timerHeapIndex = b
    }

    private mutating func siftUp(from start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard entries[child].deadline < entries[parent].deadline else { return }
            swapEntries(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(from start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < entries.count else { return }
            var smallest = left
            if left + 1 < entries.count, entries[left + 1].deadline < entries[left].deadline { smallest = left + 1 }
            guard entries[smallest].deadline < entries[parent].deadline else { return }
            swapEntries(parent, smallest)
            parent = smallest
        }
    }
}
