package market.explorer;

import java.util.List;
import market.platform.runtime.TopicFollower;
import org.springframework.context.SmartLifecycle;

/** The explorer's followers of the events topics, started with the application and stopped with it. */
final class EventReaders implements SmartLifecycle {

    private final List<TopicFollower> followers;
    private volatile boolean running;

    EventReaders(List<TopicFollower> followers) {
        this.followers = followers;
    }

    @Override
    public void start() {
        followers.forEach(TopicFollower::start);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        followers.forEach(TopicFollower::stop);
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
