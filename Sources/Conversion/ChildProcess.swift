import Foundation
import Synchronization

import Glibc

/// A child process that leads its own process group, talking over one socket that is both its standard input and
/// its standard output.
///
/// Its own group, so that `killGroup()` also ends whatever it started (soffice.bin under the Python worker). A socket
/// rather than pipes, so that writing to a child that has died fails with EPIPE (`MSG_NOSIGNAL`) instead of raising
/// SIGPIPE in the whole server.
final class ChildProcess: Sendable {
    /// The child's process id, which is also its process group id.
    let pid: pid_t
    private let socket: Int32
    private let state = Mutex(State())

    private struct State {
        var exited = false
        var status: Int32 = 0
    }

    /// Starts `executable` with `arguments` and exactly `environment`; its standard error goes to `errorLog` (created
    /// or appended), or nowhere.
    init(executable: String, arguments: [String], environment: [String: String], errorLog: String?) throws {
        // Close-on-exec, like every descriptor Foundation and NIO open: a child inherits only its own end, so a
        // worker's end of output comes exactly when that worker's group is gone.
        var pair: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair) == 0 else {
            throw SpawnFailure(executable: executable, errno: errno)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pair[1], 0)
        posix_spawn_file_actions_adddup2(&actions, pair[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, errorLog ?? "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0o600)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A new process group led by the child; default handlers and an empty mask, whatever the server ignores.
        var defaults = sigset_t(), empty = sigset_t()
        sigfillset(&defaults)
        sigemptyset(&empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = [executable] + arguments
        let envp = environment.map { "\($0.key)=\($0.value)" }
        var child: pid_t = 0
        var result: Int32 = 0
        // ETXTBSY is passing: another thread's child may hold a just-written program open until it calls exec.
        for attempt in 0..<5 {
            if attempt > 0 { usleep(20_000) }
            result = withCStrings(argv) { argv in
                withCStrings(envp) { envp in posix_spawn(&child, executable, &actions, &attributes, argv, envp) }
            }
            if result != ETXTBSY { break }
        }
        close(pair[1])
        guard result == 0 else {
            close(pair[0])
            throw SpawnFailure(executable: executable, errno: result)
        }
        pid = child
        socket = pair[0]
    }

    deinit {
        close(socket)
    }

    /// Sends bytes to the child's standard input; false when it can no longer read them.
    func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }

    /// Reads whatever the child wrote next, blocking; empty at end of output (the child and its group are gone or
    /// closed it).
    func receive() -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(socket, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            return count <= 0 ? [] : Array(buffer[0..<count])
        }
    }

    /// Kills the child and every process of its group with SIGKILL, unless it has already been reaped (its pid
    /// could then belong to someone else).
    func killGroup() {
        state.withLock { state in
            if !state.exited { kill(-pid, SIGKILL) }
        }
    }

    /// Waits for the child to exit and returns its wait status; blocks.
    @discardableResult
    func waitForExit() -> Int32 {
        var info = siginfo_t()
        // Wait without reaping first, so that the pid cannot be reused while `killGroup` may still target it.
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) < 0 && errno == EINTR {}
        var status: Int32 = 0
        state.withLock { state in
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            state.exited = true
            state.status = status
        }
        return status
    }

    /// Whether the child has exited and been reaped.
    var hasExited: Bool { state.withLock { $0.exited } }

    /// Whether no process of the child's group is left (the group id cannot be reused while one is).
    var groupIsGone: Bool { kill(-pid, 0) != 0 && errno == ESRCH }
}

/// A child process could not be started.
struct SpawnFailure: Error, CustomStringConvertible {
    let executable: String
    let errno: Int32
    var description: String { "cannot start \(executable): \(String(cString: strerror(errno)))" }
}

/// Calls `body` with a NULL-terminated C array of the strings, valid only during the call.
private func withCStrings<Result>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> Result) -> Result {
    let pointers = strings.map { strdup($0) } + [nil]
    defer { pointers.forEach { free($0) } }
    return body(pointers)
}
