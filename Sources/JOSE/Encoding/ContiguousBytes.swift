/// Calls `body` with the bytes of `bytes` as one contiguous buffer: in place when the collection
/// already stores them contiguously (`[UInt8]`, `ArraySlice`, `String.UTF8View` of a native
/// string, …), otherwise from a temporary copy.
///
/// The public generic entry points (`some Collection<UInt8>`) are thin `@inlinable` wrappers
/// over this, so callers in other modules specialise them for their concrete collection type
/// and the real work runs in non-generic code over raw buffers.
@inlinable
func withContiguousBytes<Bytes: Collection<UInt8>, Result>(
    of bytes: Bytes, _ body: (UnsafeRawBufferPointer) -> Result
) -> Result {
    if let result = bytes.withContiguousStorageIfAvailable({ body(UnsafeRawBufferPointer($0)) }) {
        return result
    }
    return Array(bytes).withUnsafeBytes(body)
}
