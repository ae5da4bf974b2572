package dev.orderengine.bootstrap.scheduling;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.spi.JobFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled jobs (relay, statistics, reservation expiry ...) on Quartz. Each job is a thin trigger that
 * calls one application method. A job never runs twice at once. With {@link #clustered} the schedule lives
 * in the database (Quartz's JDBC job store, tables created by the persistence adapter's migrations), so
 * with several nodes each job runs on one node at a time and moves to a live node when one dies; with
 * {@link #inMemory} it lives in this process only (the embedded single-node default).
 */
public final class JobScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobScheduler.class);
    private static final String GROUP = "orders";

    private final Scheduler scheduler;
    private final Map<String, Runnable> tasks = new ConcurrentHashMap<>();

    private JobScheduler(Properties properties) {
        this.scheduler = newScheduler(properties);
        try {
            this.scheduler.setJobFactory(taskJobs());
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot create the Quartz scheduler", e);
        }
    }

    /**
     * A Quartz scheduler of our own. Quartz keeps a JVM-wide registry by instance name and would hand a second
     * node in the same JVM (tests, an embedding service) the first node's scheduler; the instance name must stay
     * the cluster's name, so the new scheduler is taken out of that registry at once.
     */
    private static Scheduler newScheduler(Properties properties) {
        synchronized (SchedulerRepository.class) {
            try {
                Scheduler created = new StdSchedulerFactory(properties).getScheduler();
                SchedulerRepository.getInstance().remove(created.getSchedulerName());
                return created;
            } catch (SchedulerException e) {
                throw new IllegalStateException("cannot create the Quartz scheduler", e);
            }
        }
    }

    /** A scheduler whose schedule lives in this process only. */
    public static JobScheduler inMemory(String name) {
        Properties properties = common(name);
        properties.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        return new JobScheduler(properties);
    }

    /**
     * A clustered scheduler on PostgreSQL: every node of one cluster passes the same {@code clusterName} and
     * its own {@code nodeId}. {@code checkinInterval} is how often a node proves it is alive; a node silent for
     * longer is presumed dead and its jobs are recovered by another.
     */
    public static JobScheduler clustered(String clusterName, String nodeId, DataSource dataSource, Duration checkinInterval) {
        String dataSourceName = "orders-" + UUID.randomUUID();
        DBConnectionManager.getInstance().addConnectionProvider(dataSourceName, new SharedDataSource(dataSource));
        Properties properties = common(clusterName);
        properties.setProperty("org.quartz.scheduler.instanceId", nodeId);
        properties.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        properties.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        properties.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
        properties.setProperty("org.quartz.jobStore.tablePrefix", "qrtz_");
        properties.setProperty("org.quartz.jobStore.isClustered", "true");
        properties.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(checkinInterval.toMillis()));
        properties.setProperty("org.quartz.jobStore.misfireThreshold", "5000");
        // After a failed database call Quartz pauses this long before the next (15 s by default): the jobs resume
        // within a few seconds of a database restart, at the cost of one attempt every 2 s while it is down.
        properties.setProperty("org.quartz.jobStore.dbRetryInterval", "2000");
        return new JobScheduler(properties);
    }

    private static Properties common(String name) {
        Properties properties = new Properties();
        properties.setProperty("org.quartz.scheduler.instanceName", name);
        properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        properties.setProperty("org.quartz.threadPool.threadCount", "4");
        properties.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        properties.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
        return properties;
    }

    /** Runs {@code task} every {@code interval}, starting one interval after {@link #start}. Replaces a job of the same name. */
    public void every(Duration interval, String name, Runnable task) {
        tasks.put(name, Objects.requireNonNull(task, "task"));
        JobDetail job = JobBuilder.newJob(TaskJob.class).withIdentity(name, GROUP).storeDurably().requestRecovery().build();
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(name, GROUP)
                .startNow()
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(interval.toMillis())
                        .repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
        try {
            scheduler.scheduleJob(job, Set.of(trigger), true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot schedule job " + name, e);
        }
    }

    /** Runs a scheduled job now, once (still never concurrently with itself). */
    public void triggerNow(String name) {
        try {
            scheduler.triggerJob(new JobKey(name, GROUP));
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot trigger job " + name, e);
        }
    }

    public void pause(String name) {
        try {
            scheduler.pauseJob(new JobKey(name, GROUP));
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot pause job " + name, e);
        }
    }

    public void resume(String name) {
        try {
            scheduler.resumeJob(new JobKey(name, GROUP));
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot resume job " + name, e);
        }
    }

    public void start() {
        try {
            scheduler.start();
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot start the scheduler", e);
        }
    }

    /** Stops firing jobs and waits for running ones to finish. */
    @Override
    public void close() {
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot stop the scheduler", e);
        }
    }

    private JobFactory taskJobs() {
        return (bundle, ignoredScheduler) -> {
            String name = bundle.getJobDetail().getKey().getName();
            Runnable task = tasks.get(name);
            if (task == null) {
                throw new SchedulerException("no task registered on this node for job " + name);
            }
            return new TaskJob(name, task);
        };
    }

    /** The one Quartz job class: runs its task and logs (never rethrows) a failure, so the next run still happens. */
    @DisallowConcurrentExecution
    static final class TaskJob implements Job {

        private final String name;
        private final Runnable task;

        TaskJob(String name, Runnable task) {
            this.name = name;
            this.task = task;
        }

        @Override
        public void execute(JobExecutionContext context) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("job {} failed; it runs again at its next time", name, e);
            }
        }
    }

    /** Lends Quartz the application's pool; the pool belongs to the persistence adapter, so Quartz never closes it. */
    private record SharedDataSource(DataSource dataSource) implements ConnectionProvider {

        @Override
        public Connection getConnection() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        public void shutdown() {
            // the pool is closed by its owner, after the scheduler has stopped
        }

        @Override
        public void initialize() {
            // nothing to prepare: the pool is already running
        }
    }
}
