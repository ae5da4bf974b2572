package dev.orderengine.adapter.out.dataplatform.archfixture;

import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** A deliberately wrong transport (test code only): a Quartz job outside the scheduling adapter. */
public class TransportUsingQuartz implements Job {

    @Override
    public void execute(JobExecutionContext context) {
        // planted for ArchitectureTest: the rule must see the dependency, not run it
    }
}
