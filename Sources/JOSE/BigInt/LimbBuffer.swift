extension UnsafeBufferPointer {
    /// The address of the first element of a buffer that cannot be empty here (limb arrays and
    /// scratch allocations always hold at least one limb). Traps with a message otherwise.
    var nonEmptyBase: UnsafePointer<Element> {
        guard let base = baseAddress else { preconditionFailure("limb buffer unexpectedly empty") }
        return base
    }
}

extension UnsafeMutableBufferPointer {
    /// The address of the first element of a buffer that cannot be empty here (limb arrays and
    /// scratch allocations always hold at least one limb). Traps with a message otherwise.
    var nonEmptyBase: UnsafeMutablePointer<Element> {
        guard let base = baseAddress else { preconditionFailure("limb buffer unexpectedly empty") }
        return base
    }
}
