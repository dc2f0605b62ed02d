/// Something an event loop can wake at a deadline.
protocol TimerTarget: AnyObject {
    /// Called on the loop thread when the deadline `scheduledFor` this target armed has passed.
    func timerFired(scheduledFor: UInt64, now: UInt64)
}

/// A binary min-heap of deadlines, one per event loop.
///
/// Connections re-arm lazily: a connection keeps at most one entry while its deadline only moves
/// later (the common case: each request pushes the idle deadline forward). When the entry fires,
/// the connection checks its real deadline and re-arms if that is still in the future. The heap
/// therefore holds about one entry per connection, never one per request.
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

    mutating func schedule(_ target: any TimerTarget, at deadline: UInt64) {
        entries.append(Entry(deadline: deadline, target: target))
        var child = entries.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard entries[child].deadline < entries[parent].deadline else { break }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns every target whose deadline is at or before `now`, with its deadline.
    mutating func popExpired(now: UInt64, into expired: inout [(UInt64, any TimerTarget)]) {
        while let first = entries.first, first.deadline <= now {
            expired.append((first.deadline, first.target))
            let last = entries.removeLast()
            guard !entries.isEmpty else { break }
            entries[0] = last
            siftDown(from: 0)
        }
    }

    /// Drops every entry (loop shutdown).
    mutating func removeAll() { entries.removeAll() }

    private mutating func siftDown(from start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < entries.count else { return }
            var smallest = left
            if left + 1 < entries.count, entries[left + 1].deadline < entries[left].deadline { smallest = left + 1 }
            guard entries[smallest].deadline < entries[parent].deadline else { return }
            entries.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
