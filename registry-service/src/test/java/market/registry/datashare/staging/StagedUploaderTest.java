package market.registry.datashare.staging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Random;
import market.platform.crypto.SegmentedAead;
import market.registry.custody.KeyCustody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the staged uploader deletes when no publish of a staged fragment is in the registry's
 * view: nothing while the view replays, nothing within {@value StagedUploader#ORPHAN_MINUTES}
 * minutes of both staging and catching up, the folder after that; and the half-written folders
 * a crash leaves, not one a request is writing.
 */
class StagedUploaderTest {

    @TempDir
    Path dataDir;

    private final MovingClock clock = new MovingClock(Instant.now());

    private StagingArea.Staged stage(StagingArea staging, long dataId, byte[] plain) {
        return staging.stage(dataId, plain, KeyCustody.load(null, dataDir));
    }

    private StagedUploader uploader(StagingArea staging, boolean caughtUp) {
        return new StagedUploader(staging, () -> caughtUp, dataId -> Optional.empty(), new KeeperNodes(),
                StorageAgent.load(null, dataDir), clock, Duration.ofSeconds(1));
    }

    @Test
    void aStagedFragmentWhosePublishNeverLandedIsKeptForTenMinutesThenDeleted() throws Exception {
        StagingArea staging = new StagingArea(dataDir);
        byte[] plain = new byte[100_000];
        new Random(3).nextBytes(plain);
        StagingArea.Staged staged = stage(staging, 7, plain);
        assertThat(Files.size(staged.fragment())).isEqualTo(SegmentedAead.ciphertextSize(plain.length))
                .isEqualTo(staged.sizeEncrypted());
        StagedUploader uploader = uploader(staging, true);
        uploader.runOnce();

        clock.advance(Duration.ofMinutes(StagedUploader.ORPHAN_MINUTES - 1));
        uploader.runOnce();
        assertThat(staging.entries()).extracting(StagingArea.Entry::cid).containsExactly(staged.cid());

        clock.advance(Duration.ofMinutes(2));
        uploader.runOnce();
        assertThat(staging.entries()).isEmpty();
        assertThat(staged.folder()).doesNotExist();
    }

    @Test
    void aRegistryThatCatchesUpLongAfterStagingWaitsTenMinutesFromThen() {
        // stopped after it sent the publish, started again an hour later: the command may still wait
        StagingArea staging = new StagingArea(dataDir);
        StagingArea.Staged staged = stage(staging, 10, new byte[1000]);
        clock.advance(Duration.ofHours(1));
        StagedUploader uploader = uploader(staging, true);

        uploader.runOnce();
        clock.advance(Duration.ofMinutes(StagedUploader.ORPHAN_MINUTES - 1));
        uploader.runOnce();
        assertThat(staged.fragment()).exists();

        clock.advance(Duration.ofMinutes(2));
        uploader.runOnce();
        assertThat(staged.folder()).doesNotExist();
    }

    @Test
    void nothingIsDeletedWhileTheViewIsStillReplaying() {
        StagingArea staging = new StagingArea(dataDir);
        StagingArea.Staged staged = stage(staging, 8, new byte[1000]);
        clock.advance(Duration.ofHours(1));

        uploader(staging, false).runOnce();

        assertThat(staged.fragment()).exists();
        assertThat(staging.entries()).extracting(StagingArea.Entry::dataId).containsExactly(8L);
    }

    @Test
    void aHalfWrittenStagingFolderIsDeletedAndAStrayFolderIsLeftAlone() throws Exception {
        StagingArea staging = new StagingArea(dataDir);
        StagingArea.Staged staged = stage(staging, 9, new byte[1000]);
        Path hidden = Files.createDirectories(dataDir.resolve("staged").resolve(".staging-123"));
        Files.write(hidden.resolve(StagingArea.FRAGMENT), new byte[10]);
        Path stray = Files.createDirectories(dataDir.resolve("staged").resolve("notes"));

        assertThat(staging.entries()).extracting(StagingArea.Entry::folder).containsExactly(staged.folder());
        assertThat(hidden).doesNotExist();
        assertThat(stray).exists();
    }

    @Test
    void aFolderARequestIsEncryptingIntoIsLeftToIt() throws Exception {
        StagingArea staging = new StagingArea(dataDir);
        byte[] plain = new byte[4 << 20];
        new Random(5).nextBytes(plain);
        for (long dataId = 20; dataId < 23; dataId++) {
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            Thread rounds = new Thread(() -> {
                while (!done.get()) {
                    staging.entries();
                }
            });
            rounds.start();
            try {
                StagingArea.Staged staged = stage(staging, dataId, plain);
                assertThat(staged.fragment()).exists();
            } finally {
                done.set(true);
                rounds.join();
            }
        }
        assertThat(staging.entries()).extracting(StagingArea.Entry::dataId).containsExactlyInAnyOrder(20L, 21L, 22L);
    }

    /** A clock the test moves forward. */
    private static final class MovingClock extends Clock {
        private Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
