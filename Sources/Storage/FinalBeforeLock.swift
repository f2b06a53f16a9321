/// A signing's final version rendered from a snapshot before the store takes its write lock, all but the number.
///
/// Under the write lock a signing takes its number and makes the final version. Everything that version holds but
/// the number (the data, the date, the signer, the instant) is known before the lock, so SQLite renders it first,
/// with the number left open (`PreparedVersion.finalAwaitingNumber`), and under the lock only fills the number in:
/// the lock, which bounds signings per second, is not held for a render.
///
/// The snapshot may be out of date by the time the lock is taken. The render is used only when it was made from the
/// version that is still the current one, for the very issue the locked change gives (number, notation, date,
/// signer, instant); otherwise the store renders under the lock as before. A stale snapshot costs time, never
/// correctness.
struct FinalBeforeLock: Sendable {
    /// The version it was rendered from.
    let versionSHA256: String
    /// The issue the snapshot gives each number.
    let issue: @Sendable (Int) -> Issue
    let awaiting: any FinalAwaitingNumber

    /// The render, when it fits the change decided under the lock for `number`.
    func fitting(_ decided: DecidedAction, number: Int) -> (any FinalAwaitingNumber)? {
        versionSHA256 == decided.currentSHA256 && issue(number) == decided.issue(number: number) ? awaiting : nil
    }
}
