import Logging
import ServiceLifecycle

extension Supervisor: Service {
    /// Starts the children in order, each once the previous one serves; reports READY when all serve; on
    /// graceful shutdown stops them in reverse order and returns. On task cancellation (no graceful
    /// shutdown) children are SIGKILLed at once, so none outlives berthd.
    ///
    /// A child that never serves is restarted with backoff and blocks the ones after it (they depend on
    /// it); a child that crashes later is restarted on its own while the others keep serving.
    public func run() async throws {
        try validate()
        let shutdown = Latch<Bool>()
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                for (position, controller) in controllers.enumerated() {
                    group.addTask { await controller.run() }
                    let name = children[position].name
                    await reporter.status("starting \(name) (\(position + 1) of \(children.count))")
                    let served = await race(
                        { await controller.firstServing.wait() ?? false },
                        {
                            _ = await shutdown.wait()
                            return false
                        })
                    guard served else { break }
                }
                if shutdown.value == nil && !Task.isCancelled {
                    logger.notice("all children serving", metadata: ["children": "\(children.count)"])
                    await reporter.allServing()
                    await reporter.status("all \(children.count) services serving")
                }
                _ = await shutdown.wait()
                logger.notice("stopping children in reverse start order")
                await reporter.stopping()
                for controller in controllers.reversed() {
                    await controller.stop()
                }
            }
        } onGracefulShutdown: {
            shutdown.fulfill(true)
        }
        logger.notice("all children stopped")
    }
}
