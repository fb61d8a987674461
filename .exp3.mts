import { firstViewColumns } from './src/app/first-columns';
const retail = ['customer_id','period','customer_name','id_number','phone','branch','aum','deposit_balance','loan_balance','star_points','deposit_term_months','consumption_12m','overdue_count_12m','credit_score','first_txn_date','last_txn_date','closed'];
console.log([...firstViewColumns(undefined, new Set(retail))]);
console.log([...firstViewColumns(undefined, new Set(['customer_id','period','firm_name','industry','region','credit_rating','annual_revenue','total_assets','loan_balance','overdue_days']))]);
