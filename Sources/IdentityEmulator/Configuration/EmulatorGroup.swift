/// A security group; tokens of its member identities carry its object ID in `groups`.
///
/// ```swift
/// EmulatorGroup(objectID: "4e2a6c8e-5f7b-4d9a-8c1e-2b4d6f8a0c3e", displayName: "aad-func-readers", members: ["reader-func"])
/// ```
public struct EmulatorGroup: Sendable, Hashable {
    /// The group's object ID (the value in the `groups` claim).
    public var objectID: String
    /// A name for people.
    public var displayName: String
    /// Names of member identities.
    public var members: [String]

    /// A group with its members.
    public init(objectID: String, displayName: String, members: [String]) {
        self.objectID = objectID
        self.displayName = displayName
        self.members = members
    }
}
